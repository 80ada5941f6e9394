import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import createClient from "openapi-fetch";
import { api, session, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import type { PortalCheckIn } from "../../api/types";
import { caseKeys } from "../cases/api";
import { participantKeys } from "../participants/api";

export const portalKeys = {
  all: ["portal"] as const,
  me: () => [...portalKeys.all, "me"] as const,
  due: () => [...portalKeys.all, "due"] as const,
  goals: () => [...portalKeys.all, "goals"] as const,
  plan: () => [...portalKeys.all, "plan"] as const,
  resources: () => [...portalKeys.all, "resources"] as const,
};

// --- staff: inviting someone to the portal ---------------------------------

export function useInvite(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ respondent, idempotencyKey }: { respondent: string; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/invitations", {
          params: { path: { case_id: caseId } },
          body: { respondent },
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: (_invitation, { respondent }) =>
      queryClient.invalidateQueries({
        // The client's portal status is on the case; a participant's on the participant.
        queryKey: respondent === "client" ? caseKeys.detail(caseId) : participantKeys.list(caseId),
      }),
  });
}

/** The address the invited person opens to set their password. */
export function acceptLink(acceptPath: string, origin: string = window.location.origin): string {
  return `${origin.replace(/\/$/, "")}${acceptPath.startsWith("/") ? "" : "/"}${acceptPath}`;
}

// --- the portal itself -------------------------------------------------------

export const portalMeQueryOptions = queryOptions({
  queryKey: portalKeys.me(),
  queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/me", { signal })),
  staleTime: 5 * 60_000,
});

export function usePortalMe() {
  return useQuery(portalMeQueryOptions);
}

export function useCheckInDue() {
  return useQuery({
    queryKey: portalKeys.due(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/check-ins/due", { signal })),
  });
}

export function usePortalGoals() {
  return useQuery({
    queryKey: portalKeys.goals(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/goals", { signal })),
  });
}

/** The plan; `null` when there is none to show (the client, or no plan yet: the API answers 200 null). */
export function usePortalPlan() {
  return useQuery({
    queryKey: portalKeys.plan(),
    queryFn: async ({ signal }) => (await unwrap(api.GET("/api/v1/portal/plan", { signal }))) ?? null,
  });
}

export function usePortalResources() {
  return useQuery({
    queryKey: portalKeys.resources(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/resources", { signal })),
    staleTime: 60 * 60_000,
  });
}

/** Send one check-in. The key was made when the person pressed Send and is kept for retries. */
export function sendPortalCheckIn(body: PortalCheckIn, idempotencyKey: string) {
  return unwrap(api.POST("/api/v1/portal/check-ins", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

const anonymous = createClient<paths>({ baseUrl: "" });

/**
 * Who an invitation is for (practice, name, sign-in email), before a password is chosen; the
 * code is not used up. A code that is not valid any more answers 401, shown at once.
 */
export function useInvitationPreview(code: string | null) {
  return useQuery({
    queryKey: [...portalKeys.all, "invitation", code] as const,
    queryFn: ({ signal }) =>
      unwrap(anonymous.POST("/api/v1/auth/invitation-preview", { body: { code: code ?? "" }, signal })),
    enabled: code !== null,
    retry: false,
    staleTime: Infinity,
  });
}

/** Accept an invitation: set the password and start a portal session with the returned tokens. */
export async function acceptInvitation(code: string, password: string): Promise<void> {
  // Without the session's fetch: a refused code (401) must not end whatever session the tab has.
  const tokens = await unwrap(anonymous.POST("/api/v1/auth/accept-invite", { body: { code: code.trim(), password } }));
  session.adopt(tokens);
}
