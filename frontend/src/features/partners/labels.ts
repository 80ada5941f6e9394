import type { ApiClientRead, WebhookDelivery, WebhookDeliveryStatus } from "../../api/types";
import { formatRelative } from "../../lib/format";

export const DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ["pending", "delivered", "failed"];

export const DELIVERY_STATUS_LABEL: Record<WebhookDeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
};

export const DELIVERY_STATUS_COLOR: Record<WebhookDeliveryStatus, string> = {
  pending: "blue",
  delivered: "teal",
  failed: "red",
};

/** The events Cairn sends (DESIGN §4 Webhooks), and who receives them. */
export const EVENT_TYPE_LABEL: Record<string, string> = {
  "referral.sent": "Referral sent",
  "referral.cancelled": "Referral canceled",
  "referral.status_changed": "Referral status changed",
  "alert.created": "Alert raised",
};

export const EVENT_TYPES = Object.keys(EVENT_TYPE_LABEL);

export function eventLabel(eventType: string): string {
  return EVENT_TYPE_LABEL[eventType] ?? eventType;
}

export function targetLabel(target: string): string {
  if (target === "partner") return "Partner center";
  if (target === "organization") return "Your endpoint";
  return target;
}

/** httpx exception names, as a person would say them. */
const ERROR_LABEL: Record<string, string> = {
  ConnectError: "Could not connect",
  ConnectTimeout: "Timed out connecting",
  ReadTimeout: "Timed out waiting for a reply",
  WriteTimeout: "Timed out sending",
  PoolTimeout: "Timed out",
  RemoteProtocolError: "Broken reply",
  TooManyRedirects: "Too many redirects",
  UnsupportedProtocol: "Not an http(s) address",
};

/** What the receiver last answered: "HTTP 200", "HTTP 503", "Could not connect", or nothing yet. */
export function lastResponse(delivery: Pick<WebhookDelivery, "attempts" | "last_status_code" | "last_error">): string {
  if (delivery.last_status_code !== null && delivery.last_status_code !== undefined) {
    return `HTTP ${delivery.last_status_code}`;
  }
  if (delivery.last_error) return ERROR_LABEL[delivery.last_error] ?? delivery.last_error;
  return delivery.attempts ? "No answer" : "Not tried yet";
}

/** Whether the last answer counts as a success (2xx). */
export function lastResponseOk(delivery: Pick<WebhookDelivery, "last_status_code">): boolean {
  const code = delivery.last_status_code;
  return code !== null && code !== undefined && code >= 200 && code < 300;
}

/** The next thing that will happen to a delivery, in words. */
export function deliveryNext(
  delivery: Pick<WebhookDelivery, "status" | "next_attempt_at" | "delivered_at" | "attempts">,
  now: number = Date.now(),
): string {
  if (delivery.status === "delivered") return delivery.delivered_at ? `Delivered ${formatRelative(delivery.delivered_at, now)}` : "Delivered";
  if (delivery.status === "failed") return `Gave up after ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`;
  const due = new Date(delivery.next_attempt_at).getTime();
  if (Number.isNaN(due) || due <= now) return delivery.attempts ? "Retry due now" : "Due now";
  return `Next try ${formatRelative(delivery.next_attempt_at, now)}`;
}

export function isRevoked(client: Pick<ApiClientRead, "revoked_at">): boolean {
  return Boolean(client.revoked_at);
}

/** Active clients first, then the newest. */
export function sortClients(clients: readonly ApiClientRead[]): ApiClientRead[] {
  return [...clients].sort(
    (a, b) => Number(isRevoked(a)) - Number(isRevoked(b)) || b.created_at.localeCompare(a.created_at),
  );
}

/**
 * Checks a webhook address before the API does: a full http(s) URL.
 * Returns an error message, or null when it is fine (or empty and optional).
 */
export function checkWebhookUrl(value: string, { required = false } = {}): string | null {
  const trimmed = value.trim();
  if (!trimmed) return required ? "Enter the address that receives the events" : null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "Enter a full address, e.g. https://partner.example.org/cairn/webhooks";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The address must start with https://";
  if (trimmed.length > 480) return "Use an address of at most 480 characters";
  return null;
}

/** Plain http sends signed but readable events over the network; say so. */
export function insecureWebhook(value: string): boolean {
  return /^http:\/\//i.test(value.trim());
}
