import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import { allItems } from "../../api/pages";
import type { ParticipantCreate, ParticipantRead, ParticipantUpdate } from "../../api/types";

export const participantKeys = {
  all: ["participants"] as const,
  list: (caseId: string) => [...participantKeys.all, "list", caseId] as const,
};

/** Every participant of a case (a circle is small; pages are followed to the end). */
export function participantsQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: participantKeys.list(caseId),
    queryFn: ({ signal }) =>
      allItems((cursor) =>
        unwrap(api.GET("/api/v1/cases/{case_id}/participants", { params: { path: { case_id: caseId }, query: { limit: 200, cursor } }, signal })),
      ),
  });
}

export function useCreateParticipant(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ParticipantCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/participants", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: participantKeys.list(caseId) }),
  });
}

/** Change one participant, conditional on the version the user saw (412 if stale). */
export async function patchParticipant(participant: Pick<ParticipantRead, "id" | "version">, body: ParticipantUpdate) {
  return unwrap(
    api.PATCH("/api/v1/participants/{participant_id}", {
      params: { path: { participant_id: participant.id } },
      body,
      headers: { "If-Match": etagOf(participant) },
    }),
  );
}

export function useUpdateParticipant(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ participant, body }: { participant: ParticipantRead; body: ParticipantUpdate }) =>
      patchParticipant(participant, body),
    onSuccess: (updated) => {
      queryClient.setQueryData<ParticipantRead[]>(participantKeys.list(caseId), (list) =>
        list?.map((p) => (p.id === updated.id ? updated : p)),
      );
    },
  });
}

export function useDeleteParticipant(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (participant: ParticipantRead) =>
      unwrap(
        api.DELETE("/api/v1/participants/{participant_id}", {
          params: { path: { participant_id: participant.id } },
          headers: { "If-Match": etagOf(participant) },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: participantKeys.list(caseId) }),
  });
}
