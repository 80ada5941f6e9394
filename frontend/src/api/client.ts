// The one typed API client. Every request goes through the auth-aware fetch.
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { toApiError } from "./problem";
import { createAuthFetch, Session, type GrantParams } from "./session";
import type { TokenResponse } from "./types";

export const API_PREFIX = "/api/v1";

const tokenClient = createClient<paths>({ baseUrl: "" });

async function grant(params: GrantParams): Promise<TokenResponse> {
  const { data, error, response } = await tokenClient.POST("/api/v1/auth/token", {
    body: params,
    bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (!data) throw toApiError(response, error);
  return data;
}

export const session = new Session({
  grant,
  revoke: async (refreshToken, accessToken) => {
    await tokenClient.POST("/api/v1/auth/logout", {
      body: { refresh_token: refreshToken },
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    });
  },
  storage: typeof window === "undefined" ? null : window.sessionStorage,
});

export const api = createClient<paths>({
  baseUrl: "",
  fetch: createAuthFetch(session, (request) => globalThis.fetch(request)),
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call; return its data or throw an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  return data as T;
}

export interface Versioned<T> {
  data: T;
  /** The strong ETag of the representation, for If-Match. */
  etag: string | null;
}

/** The strong ETag of a representation, from its version (docs/api.md: `"v<version>"`), for If-Match. */
export function etagOf(resource: { version: number }): string {
  return `"v${resource.version}"`;
}

/** Like unwrap, but keeps the ETag header for optimistic concurrency. */
export async function unwrapVersioned<T>(call: Promise<FetchResult<T>>): Promise<Versioned<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  return { data: data as T, etag: response.headers.get("ETag") };
}

/** A fresh key per logical submission, for POSTs that create. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
