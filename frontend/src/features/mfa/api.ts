import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type MfaStatus = Schemas["MfaStatus"];
export type MfaEnrollment = Schemas["MfaEnrollment"];
export type MfaConfirmation = Schemas["MfaConfirmation"];

export const myMfaQueryOptions = queryOptions({
  queryKey: ["auth", "mfa"] as const,
  queryFn: ({ signal }) => unwrap(api.GET("/api/v1/auth/mfa", { signal })),
});

export function useMyMfa() {
  return useQuery(myMfaQueryOptions);
}

/**
 * The bearer for enrolment: the signed-in session (no header here), or the `mfa_token` of an
 * `mfa-enrollment-required` sign-in, when the practice requires a second factor not set up yet.
 */
function enrolmentHeaders(enrollmentToken?: string): Record<string, string> {
  return enrollmentToken ? { Authorization: `Bearer ${enrollmentToken}` } : {};
}

export function startEnrollment(enrollmentToken?: string): Promise<MfaEnrollment> {
  return unwrap(api.POST("/api/v1/auth/mfa/totp", { headers: enrolmentHeaders(enrollmentToken) }));
}

export function confirmEnrollment(code: string, enrollmentToken?: string): Promise<MfaConfirmation> {
  return unwrap(
    api.POST("/api/v1/auth/mfa/totp/confirm", { body: { code }, headers: enrolmentHeaders(enrollmentToken) }),
  );
}

export function useDisableMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.DELETE("/api/v1/auth/mfa", { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myMfaQueryOptions.queryKey }),
  });
}

/** Admins: remove a colleague's second factor (a lost phone). Audited by the API. */
export function useResetUserMfa() {
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE("/api/v1/users/{user_id}/mfa", { params: { path: { user_id: userId } } })),
  });
}

/** The code as typed: digits only, so "123 456" works. */
export function cleanCode(value: string): string {
  return value.replace(/\D/g, "");
}
