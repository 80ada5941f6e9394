import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { ApiClientCreate, ApiClientRead, WebhookDeliveryStatus, WebhookEndpoint } from "../../api/types";
import { centerKeys } from "../centers/api";

export const DELIVERIES_PAGE_SIZE = 25;
export const DELIVERIES_PENDING_REFRESH_MS = 15_000;
export const DELIVERIES_REFRESH_MS = 60_000;

export interface DeliveryFilters {
  status?: WebhookDeliveryStatus;
  event_type?: string;
}

export const partnerKeys = {
  all: ["partner-access"] as const,
  clients: (centerId: string) => [...partnerKeys.all, "clients", centerId] as const,
  endpoint: () => [...partnerKeys.all, "endpoint"] as const,
  deliveries: (filters: DeliveryFilters) => [...partnerKeys.all, "deliveries", filters] as const,
};

/** A center's API clients, newest first as the API gives them (no secrets). */
export function useApiClients(centerId: string | null) {
  return useQuery({
    queryKey: partnerKeys.clients(centerId ?? ""),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/treatment-centers/{center_id}/api-clients", {
          params: { path: { center_id: centerId ?? "" } },
          signal,
        }),
      ),
    enabled: Boolean(centerId),
    select: (list) => list.items,
  });
}

/**
 * The response carries the client secret and webhook secret, once. They are
 * handed to the caller and never put in the query cache.
 */
export function useCreateApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ centerId, body, idempotencyKey }: { centerId: string; body: ApiClientCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/treatment-centers/{center_id}/api-clients", {
          params: { path: { center_id: centerId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: (_created, { centerId }) => {
      void queryClient.invalidateQueries({ queryKey: partnerKeys.clients(centerId) });
      // The center becomes a partner in the directory.
      void queryClient.invalidateQueries({ queryKey: centerKeys.all });
    },
  });
}

/** Set, change or (with null) clear where the center's referral events go. */
export function useSetClientWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ client, webhookUrl }: { client: ApiClientRead; webhookUrl: string | null }) =>
      unwrap(
        api.PATCH("/api/v1/api-clients/{client_id}", {
          params: { path: { client_id: client.id } },
          body: { webhook_url: webhookUrl },
        }),
      ),
    onSuccess: (updated) =>
      queryClient.invalidateQueries({ queryKey: partnerKeys.clients(updated.treatment_center_id) }),
  });
}

export function useRevokeApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (client: ApiClientRead) =>
      unwrap(api.DELETE("/api/v1/api-clients/{client_id}", { params: { path: { client_id: client.id } } })),
    onSettled: (_result, _error, client) => {
      void queryClient.invalidateQueries({ queryKey: partnerKeys.clients(client.treatment_center_id) });
      void queryClient.invalidateQueries({ queryKey: centerKeys.all });
    },
  });
}

/** The organization's own endpoint, or null when none is set (the API answers 200 null). */
export function useWebhookEndpoint() {
  return useQuery({
    queryKey: partnerKeys.endpoint(),
    queryFn: async ({ signal }) => (await unwrap(api.GET("/api/v1/webhook-endpoint", { signal }))) ?? null,
  });
}

/** Every PUT makes a new signing secret, returned once; only url and date are cached. */
export function useSetWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => unwrap(api.PUT("/api/v1/webhook-endpoint", { body: { url } })),
    onSuccess: (endpoint) => {
      const cached: WebhookEndpoint = { url: endpoint.url, created_at: endpoint.created_at };
      queryClient.setQueryData(partnerKeys.endpoint(), cached);
    },
  });
}

export function useDeleteWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/webhook-endpoint")),
    onSuccess: () => queryClient.setQueryData(partnerKeys.endpoint(), null),
  });
}

/** Webhook deliveries, newest first, a page at a time. */
export function useDeliveries(filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: partnerKeys.deliveries(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/webhook-deliveries", {
          params: {
            query: {
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.event_type ? { event_type: filters.event_type } : {}),
              limit: DELIVERIES_PAGE_SIZE,
              cursor: pageParam,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    // The worker tries pending deliveries every minute or so; follow it while any is shown.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((delivery) => delivery.status === "pending"))
        ? DELIVERIES_PENDING_REFRESH_MS
        : DELIVERIES_REFRESH_MS,
  });
}
