import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./problem";
import { createAuthFetch, refreshDelayMs, REFRESH_TOKEN_KEY, Session, type GrantParams } from "./session";
import type { TokenResponse } from "./types";

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

function tokens(n: number, expiresIn = 900): TokenResponse {
  return { access_token: `access-${n}`, token_type: "bearer", expires_in: expiresIn, refresh_token: `refresh-${n}` };
}

const invalidGrant = () =>
  new ApiError(401, { type: "/api/v1/problems/invalid-grant", title: "Invalid grant", status: 401, detail: null });

function problemResponse(status: number, slug: string) {
  return new Response(JSON.stringify({ type: `/api/v1/problems/${slug}`, title: slug, status }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

function setup(grantImpl?: (params: GrantParams) => Promise<TokenResponse>) {
  let issued = 0;
  const grant = vi.fn(grantImpl ?? (async () => tokens(++issued)));
  const storage = new MemoryStorage();
  const session = new Session({ grant, storage });
  const events: string[] = [];
  session.subscribe((event) => events.push(event));
  return { session, grant, storage, events };
}

describe("refreshDelayMs", () => {
  it("refreshes a minute before expiry for normal lifetimes", () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });
  it("refreshes after 80% of short lifetimes and never sooner than a second", () => {
    expect(refreshDelayMs(60)).toBe(48_000);
    expect(refreshDelayMs(0)).toBe(1_000);
  });
});

describe("Session", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps the access token in memory and only the refresh token in storage", async () => {
    const { session, storage } = setup();
    await session.signIn("a@b.org", "pw");
    expect(session.token).toBe("access-1");
    expect([...storage.data.entries()]).toEqual([[REFRESH_TOKEN_KEY, "refresh-1"]]);
  });

  it("schedules a refresh shortly before the access token expires and stores the rotated refresh token", async () => {
    const { session, grant, storage } = setup();
    await session.signIn("a@b.org", "pw");
    expect(grant).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(839_000);
    expect(grant).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(grant).toHaveBeenCalledTimes(2);
    expect(grant).toHaveBeenLastCalledWith({ grant_type: "refresh_token", refresh_token: "refresh-1" });
    expect(session.token).toBe("access-2");
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe("refresh-2");

    // And the next refresh uses the rotated token.
    await vi.advanceTimersByTimeAsync(840_000);
    expect(grant).toHaveBeenLastCalledWith({ grant_type: "refresh_token", refresh_token: "refresh-2" });
  });

  it("shares one refresh between concurrent callers (a spent refresh token is never reused)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let issued = 0;
    const { session, grant } = setup(async (params) => {
      if (params.grant_type === "refresh_token") await gate;
      return tokens(++issued);
    });
    await session.signIn("a@b.org", "pw");
    const all = Promise.all([session.refresh(), session.refresh(), session.recoverFrom401("access-1")]);
    release();
    expect(await all).toEqual([true, true, true]);
    expect(grant).toHaveBeenCalledTimes(2); // sign-in + one refresh
  });

  it("restores a session from storage after a reload", async () => {
    const { session, storage, grant } = setup();
    storage.setItem(REFRESH_TOKEN_KEY, "refresh-from-before");
    expect(session.isActive).toBe(true);
    expect(await session.ensure()).toBe(true);
    expect(grant).toHaveBeenCalledWith({ grant_type: "refresh_token", refresh_token: "refresh-from-before" });
  });

  it("ends the session once when the refresh token is refused", async () => {
    const { session, storage, events } = setup(async (params) => {
      if (params.grant_type === "refresh_token") throw invalidGrant();
      return tokens(1);
    });
    await session.signIn("a@b.org", "pw");
    expect(await session.refresh()).toBe(false);
    expect(await session.refresh()).toBe(false);
    expect(session.token).toBeNull();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(events.filter((e) => e === "expired")).toHaveLength(1);
  });

  it("keeps the session through a network failure and retries later", async () => {
    let fail = true;
    let issued = 0;
    const { session, grant, events } = setup(async (params) => {
      if (params.grant_type === "refresh_token" && fail) throw new TypeError("Failed to fetch");
      return tokens(++issued);
    });
    await session.signIn("a@b.org", "pw");
    expect(await session.refresh()).toBe(false);
    expect(session.isActive).toBe(true);
    expect(events).not.toContain("expired");
    fail = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(grant).toHaveBeenCalledTimes(3);
    expect(session.token).toBe("access-2");
  });

  it("revokes the refresh token on sign-out and forgets everything", async () => {
    const revoke = vi.fn(async () => undefined);
    const storage = new MemoryStorage();
    const session = new Session({ grant: async () => tokens(1), revoke, storage });
    await session.signIn("a@b.org", "pw");
    await session.signOut();
    expect(revoke).toHaveBeenCalledWith("refresh-1", "access-1");
    expect(session.isActive).toBe(false);
    expect(storage.data.size).toBe(0);
    // No timer is left to refresh a session that no longer exists.
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("createAuthFetch", () => {
  const url = "http://cairn.test/api/v1/cases";

  it("sends the bearer token", async () => {
    const { session } = setup();
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async (_request: Request) => new Response("{}", { status: 200 }));
    await createAuthFetch(session, base)(new Request(url));
    expect(base.mock.calls[0]?.[0].headers.get("Authorization")).toBe("Bearer access-1");
  });

  it("refreshes once on a 401 and retries the request with its body", async () => {
    const { session, grant } = setup();
    await session.signIn("a@b.org", "pw");
    const seen: Array<{ auth: string | null; body: string }> = [];
    const base = vi.fn(async (request: Request) => {
      seen.push({ auth: request.headers.get("Authorization"), body: await request.text() });
      return seen.length === 1 ? problemResponse(401, "invalid-token") : new Response("{}", { status: 201 });
    });
    const response = await createAuthFetch(session, base)(
      new Request(url, { method: "POST", body: '{"a":1}', headers: { "Content-Type": "application/json" } }),
    );
    expect(response.status).toBe(201);
    expect(grant).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([
      { auth: "Bearer access-1", body: '{"a":1}' },
      { auth: "Bearer access-2", body: '{"a":1}' },
    ]);
  });

  it("refreshes only once for many requests failing together", async () => {
    const { session, grant } = setup();
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async (request: Request) =>
      request.headers.get("Authorization") === "Bearer access-1"
        ? problemResponse(401, "invalid-token")
        : new Response("{}", { status: 200 }),
    );
    const authFetch = createAuthFetch(session, base);
    const responses = await Promise.all([1, 2, 3].map(() => authFetch(new Request(url))));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(grant).toHaveBeenCalledTimes(2);
  });

  it("does not loop: a 401 after a refresh ends the session", async () => {
    const { session, grant, events } = setup();
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async () => problemResponse(401, "invalid-token"));
    const response = await createAuthFetch(session, base)(new Request(url));
    expect(response.status).toBe(401);
    expect(base).toHaveBeenCalledTimes(2);
    expect(grant).toHaveBeenCalledTimes(2);
    expect(events).toEqual(["signed-in", "refreshed", "expired"]);
    expect(session.isActive).toBe(false);
  });

  it("ends the session when the refresh itself is refused, without retrying", async () => {
    const { session, events } = setup(async (params) => {
      if (params.grant_type === "refresh_token") throw invalidGrant();
      return tokens(1);
    });
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async () => problemResponse(401, "invalid-token"));
    const response = await createAuthFetch(session, base)(new Request(url));
    expect(response.status).toBe(401);
    expect(base).toHaveBeenCalledTimes(1);
    expect(events.filter((e) => e === "expired")).toHaveLength(1);
  });

  it("treats a wrong current password (401 invalid-credentials) as an answer, not an expired session", async () => {
    const { session, grant } = setup();
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async () => problemResponse(401, "invalid-credentials"));
    const response = await createAuthFetch(session, base)(new Request("http://cairn.test/api/v1/auth/password"));
    expect(response.status).toBe(401);
    expect(grant).toHaveBeenCalledTimes(1);
    expect(session.token).toBe("access-1");
  });

  it("passes token requests through untouched", async () => {
    const { session } = setup();
    await session.signIn("a@b.org", "pw");
    const base = vi.fn(async (_request: Request) => problemResponse(401, "invalid-credentials"));
    await createAuthFetch(session, base)(new Request("http://cairn.test/api/v1/auth/token", { method: "POST" }));
    expect(base.mock.calls[0]?.[0].headers.get("Authorization")).toBeNull();
  });
});
