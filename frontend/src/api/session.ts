// Token handling for staff sign-in.
// The access token lives in memory only. The refresh token is kept in
// sessionStorage so a reload of the tab keeps the session, while closing the
// tab ends it. Refresh tokens rotate on every use, so only one refresh may be
// in flight at a time (a second use of a spent token revokes the session).
import { ApiError } from "./problem";
import type { TokenResponse } from "./types";

export const REFRESH_TOKEN_KEY = "cairn.refresh_token";

export type GrantParams =
  | { grant_type: "password"; username: string; password: string }
  | { grant_type: "refresh_token"; refresh_token: string }
  | { grant_type: "mfa_otp"; mfa_token: string; otp: string }
  | { grant_type: "mfa_otp"; mfa_token: string; recovery_code: string };

export type SessionEvent = "signed-in" | "refreshed" | "signed-out" | "expired";

export interface SessionDeps {
  grant: (params: GrantParams) => Promise<TokenResponse>;
  revoke?: (refreshToken: string, accessToken: string | null) => Promise<void>;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How long to wait before refreshing a token that lives `expiresIn` seconds. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = Math.max(0, expiresInSeconds) * 1000;
  // Refresh a minute early, or after 80% of very short lifetimes.
  const margin = Math.min(60_000, lifetime * 0.2);
  return Math.max(1_000, lifetime - margin);
}

/** Retry interval when a scheduled refresh failed for want of a network. */
const OFFLINE_RETRY_MS = 15_000;

export class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: unknown = null;
  private inflight: Promise<boolean> | null = null;
  private listeners = new Set<(event: SessionEvent) => void>();
  private readonly deps: Required<Omit<SessionDeps, "revoke">> & Pick<SessionDeps, "revoke">;

  constructor(deps: SessionDeps) {
    this.deps = {
      storage: null,
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...deps,
    };
  }

  get token(): string | null {
    return this.accessToken;
  }

  /** True while there is something to authenticate with (an access or refresh token). */
  get isActive(): boolean {
    return this.accessToken !== null || this.refreshToken !== null;
  }

  private get refreshToken(): string | null {
    try {
      return this.deps.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private set refreshToken(value: string | null) {
    try {
      if (value) this.deps.storage?.setItem(REFRESH_TOKEN_KEY, value);
      else this.deps.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Storage can be unavailable (private mode quotas); the session then lasts until reload.
    }
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  async signIn(email: string, password: string): Promise<void> {
    const tokens = await this.deps.grant({ grant_type: "password", username: email, password });
    this.store(tokens);
    this.emit("signed-in");
  }

  /** The second step of a sign-in that answered `mfa-required`: its `mfa_token` and a code. */
  async signInWithSecondFactor(mfaToken: string, factor: { otp: string } | { recovery_code: string }): Promise<void> {
    const tokens = await this.deps.grant({ grant_type: "mfa_otp", mfa_token: mfaToken, ...factor });
    this.store(tokens);
    this.emit("signed-in");
  }

  /** Store a token pair the API handed out elsewhere (e.g. after a password change). */
  adopt(tokens: TokenResponse): void {
    this.store(tokens);
  }

  /** Make sure a usable access token is in memory; refresh if needed. */
  async ensure(): Promise<boolean> {
    if (this.accessToken && this.deps.now() < this.expiresAt - 5_000) return true;
    if (!this.refreshToken) return false;
    return this.refresh();
  }

  /**
   * Exchange the refresh token for a new pair. Concurrent callers share one
   * request. Resolves false when there is no session any more.
   */
  refresh(): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = this.doRefresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /**
   * A request made with `usedToken` came back 401. Resolves true when a newer
   * access token is available to retry with (refreshing at most once).
   */
  async recoverFrom401(usedToken: string | null): Promise<boolean> {
    if (this.inflight) return this.inflight;
    if (this.accessToken && this.accessToken !== usedToken) return true;
    return this.refresh();
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) {
      this.expire();
      return false;
    }
    try {
      const tokens = await this.deps.grant({ grant_type: "refresh_token", refresh_token: refreshToken });
      this.store(tokens);
      this.emit("refreshed");
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        // The refresh token was refused (expired, revoked or already used).
        this.expire();
        return false;
      }
      // Network or server trouble: keep the refresh token and try again soon.
      this.schedule(OFFLINE_RETRY_MS);
      return false;
    }
  }

  private store(tokens: TokenResponse): void {
    this.accessToken = tokens.access_token;
    this.expiresAt = this.deps.now() + tokens.expires_in * 1000;
    if (tokens.refresh_token) this.refreshToken = tokens.refresh_token;
    this.schedule(refreshDelayMs(tokens.expires_in));
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.deps.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private clear(): void {
    this.cancelTimer();
    this.accessToken = null;
    this.expiresAt = 0;
    this.refreshToken = null;
  }

  /** The session ended without the user asking (refresh refused, 401 after refresh). */
  expire(): void {
    const hadSession = this.isActive;
    this.clear();
    if (hadSession) this.emit("expired");
  }

  /** Revoke the session on the server (best effort), then forget it here. */
  async signOut(): Promise<void> {
    const refreshToken = this.refreshToken;
    const accessToken = this.accessToken;
    if (refreshToken && this.deps.revoke) {
      try {
        await this.deps.revoke(refreshToken, accessToken);
      } catch {
        // Signing out locally is what matters; the refresh token expires on its own.
      }
    }
    this.clear();
    this.emit("signed-out");
  }
}

const AUTH_FREE_PATHS = ["/auth/token"];

/**
 * A fetch for openapi-fetch that adds the bearer token and, on a 401, refreshes
 * once and retries once. A second 401 ends the session instead of looping.
 */
export function createAuthFetch(session: Session, baseFetch: (request: Request) => Promise<Response>) {
  return async function authFetch(request: Request): Promise<Response> {
    if (AUTH_FREE_PATHS.some((path) => new URL(request.url).pathname.endsWith(path))) {
      return baseFetch(request);
    }
    if (!session.token && session.isActive) await session.ensure();
    const retryCopy = request.clone();
    const usedToken = session.token;
    const response = await baseFetch(withBearer(request, usedToken));
    if (response.status !== 401 || !(await isTokenRejection(response))) return response;
    if (usedToken === null) {
      session.expire();
      return response;
    }
    const recovered = await session.recoverFrom401(usedToken);
    if (!recovered || !session.token) {
      session.expire();
      return response;
    }
    const retried = await baseFetch(withBearer(retryCopy, session.token));
    if (retried.status === 401 && (await isTokenRejection(retried))) session.expire();
    return retried;
  };
}

/** A 401 about the token, not e.g. a wrong current password on a password change. */
async function isTokenRejection(response: Response): Promise<boolean> {
  try {
    const body: unknown = await response.clone().json();
    const type = (body as { type?: unknown } | null)?.type;
    return !(typeof type === "string" && type.endsWith("/invalid-credentials"));
  } catch {
    return true;
  }
}

function withBearer(request: Request, token: string | null): Request {
  if (token) request.headers.set("Authorization", `Bearer ${token}`);
  return request;
}
