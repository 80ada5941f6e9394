import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap, unwrapVersioned, type Versioned } from "../../api/client";
import { allItems, allPages } from "../../api/pages";
import type { ReferralCreate, ReferralRead, ReferralStatus, ReferralUpdate, StatusReport } from "../../api/types";
import { alertKeys } from "../alerts/api";
import { caseKeys } from "../cases/api";
import { boardQueryParams, type BoardFilters } from "./board";

export const referralKeys = {
  all: ["referrals"] as const,
  lists: () => [...referralKeys.all, "list"] as const,
  caseList: (caseId: string) => [...referralKeys.lists(), "case", caseId] as const,
  board: (filters: BoardFilters) => [...referralKeys.lists(), "board", filters] as const,
  detail: (referralId: string) => [...referralKeys.all, "detail", referralId] as const,
};

/** Every referral of a case, most recently updated first. */
export function caseReferralsQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: referralKeys.caseList(caseId),
    queryFn: ({ signal }) =>
      allItems((cursor) =>
        unwrap(api.GET("/api/v1/cases/{case_id}/referrals", { params: { path: { case_id: caseId }, query: { limit: 200, cursor } }, signal })),
      ),
  });
}

export function useCaseReferrals(caseId: string) {
  return useQuery(caseReferralsQueryOptions(caseId));
}

/** The board holds at most this many referrals; beyond it, a filter narrows the list. */
export const BOARD_MAX_PAGES = 10;

/**
 * The board's referrals, filtered by the API: the pages and their cursors all belong to one
 * filter (it is in the query key), so "truncated" means older referrals of that filter exist.
 */
export function useReferralBoard(filters: BoardFilters) {
  return useQuery({
    queryKey: referralKeys.board(filters),
    queryFn: ({ signal }) =>
      allPages(
        (cursor) =>
          unwrap(api.GET("/api/v1/referrals", { params: { query: { ...boardQueryParams(filters), limit: 200, cursor } }, signal })),
        BOARD_MAX_PAGES,
      ),
    // Centers report on their own schedule; keep the board current while it is open.
    refetchInterval: 60_000,
  });
}

export function referralQueryOptions(referralId: string) {
  return queryOptions({
    queryKey: referralKeys.detail(referralId),
    queryFn: ({ signal }) =>
      unwrapVersioned(api.GET("/api/v1/referrals/{referral_id}", { params: { path: { referral_id: referralId } }, signal })),
  });
}

/** Admission and discharge can move the case itself (api/referrals/lifecycle.py). */
const MOVES_CASE: ReadonlySet<ReferralStatus> = new Set<ReferralStatus>(["admitted", "discharged"]);

/** After a change: the referral itself, every list it sits in, and what a move can change on its case. */
function useStoreReferral() {
  const queryClient = useQueryClient();
  return (result: Versioned<ReferralRead>, moved?: ReferralStatus) => {
    const referral = result.data;
    queryClient.setQueryData(referralKeys.detail(referral.id), result);
    void queryClient.invalidateQueries({ queryKey: referralKeys.lists() });
    if (moved && MOVES_CASE.has(moved)) {
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(referral.case_id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(referral.case_id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    }
    if (moved === "declined") void queryClient.invalidateQueries({ queryKey: alertKeys.all });
  };
}

export function useCreateReferral(caseId: string) {
  const store = useStoreReferral();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReferralCreate; idempotencyKey: string }) =>
      unwrapVersioned(
        api.POST("/api/v1/cases/{case_id}/referrals", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: (result) => store(result),
  });
}

/** Change a draft, conditional on the version the user saw (412 when it changed meanwhile). */
export function useUpdateDraft() {
  const store = useStoreReferral();
  return useMutation({
    mutationFn: ({ referral, body }: { referral: ReferralRead; body: ReferralUpdate }) =>
      unwrapVersioned(
        api.PATCH("/api/v1/referrals/{referral_id}", {
          params: { path: { referral_id: referral.id } },
          body,
          headers: { "If-Match": etagOf(referral) },
        }),
      ),
    onSuccess: (result) => store(result),
  });
}

export type ReferralAction =
  | { kind: "send" }
  | { kind: "cancel"; reason: string | null }
  | { kind: "report"; body: StatusReport };

/** Send, cancel or record a center's update, conditional on the version the user saw (412 otherwise). */
export function useReferralAction() {
  const store = useStoreReferral();
  return useMutation({
    mutationFn: ({ referral, action }: { referral: ReferralRead; action: ReferralAction }) => {
      const init = { params: { path: { referral_id: referral.id } }, headers: { "If-Match": etagOf(referral) } };
      switch (action.kind) {
        case "send":
          return unwrapVersioned(api.POST("/api/v1/referrals/{referral_id}/send", init));
        case "cancel":
          return unwrapVersioned(
            api.POST("/api/v1/referrals/{referral_id}/cancel", { ...init, body: action.reason ? { reason: action.reason } : {} }),
          );
        case "report":
          return unwrapVersioned(api.POST("/api/v1/referrals/{referral_id}/status", { ...init, body: action.body }));
      }
    },
    onSuccess: (result) => store(result, result.data.status),
  });
}
