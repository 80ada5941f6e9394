import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { allItems } from "../../api/pages";
import type { ConsentCreate, ConsentRead } from "../../api/types";

export const consentKeys = {
  all: ["consents"] as const,
  list: (caseId: string) => [...consentKeys.all, "list", caseId] as const,
  detail: (consentId: string) => [...consentKeys.all, "detail", consentId] as const,
};

/** Every consent of a case, newest first (a case has a handful; pages are followed to the end). */
export function consentsQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: consentKeys.list(caseId),
    queryFn: ({ signal }) =>
      allItems((cursor) =>
        unwrap(api.GET("/api/v1/cases/{case_id}/consents", { params: { path: { case_id: caseId }, query: { limit: 200, cursor } }, signal })),
      ),
  });
}

export function useConsents(caseId: string) {
  return useQuery(consentsQueryOptions(caseId));
}

export function consentQueryOptions(consentId: string) {
  return queryOptions({
    queryKey: consentKeys.detail(consentId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/consents/{consent_id}", { params: { path: { consent_id: consentId } }, signal })),
  });
}

function useStoreConsent() {
  const queryClient = useQueryClient();
  return (consent: ConsentRead) => {
    queryClient.setQueryData(consentKeys.detail(consent.id), consent);
    queryClient.setQueryData<ConsentRead[]>(consentKeys.list(consent.case_id), (list) =>
      list ? (list.some((c) => c.id === consent.id) ? list.map((c) => (c.id === consent.id ? consent : c)) : [consent, ...list]) : list,
    );
    void queryClient.invalidateQueries({ queryKey: consentKeys.list(consent.case_id) });
  };
}

export function useRecordConsent(caseId: string) {
  const store = useStoreConsent();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ConsentCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/consents", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: store,
  });
}

export function useRevokeConsent() {
  const store = useStoreConsent();
  return useMutation({
    mutationFn: ({ consentId, note }: { consentId: string; note: string }) =>
      unwrap(api.POST("/api/v1/consents/{consent_id}/revoke", { params: { path: { consent_id: consentId } }, body: { note } })),
    onSuccess: store,
  });
}
