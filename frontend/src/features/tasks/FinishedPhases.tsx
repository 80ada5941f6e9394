import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/problem";
import type { TaskPhase } from "../../api/types";
import { taskKeys } from "./api";
import { PHASE_LABEL } from "./labels";

const phasesKey = (caseId: string) => [...taskKeys.all, "phases", caseId] as const;

/**
 * Open tasks of a phase the case has moved past (preparation after the intervention was held,
 * say) are no longer work to chase: offer to close them in one step instead of letting them
 * all go overdue.
 */
export function FinishedPhases({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const phases = useQuery({
    queryKey: phasesKey(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/cases/{case_id}/task-phases", { params: { path: { case_id: caseId } }, signal })),
  });
  const close = useMutation({
    mutationFn: ({ phase, status }: { phase: TaskPhase; status: "done" | "cancelled" }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/tasks/close-phase", {
          params: { path: { case_id: caseId } },
          body: { phase, status },
        }),
      ),
    onSuccess: (result, { status }) => {
      notifications.show({
        color: "teal",
        title: `${PHASE_LABEL[result.phase]} closed`,
        message: `${result.closed} task${result.closed === 1 ? "" : "s"} marked ${status === "done" ? "done" : "cancelled"}.`,
      });
    },
    onError: (error) => notifications.show({ color: "red", title: "Nothing changed", message: describeError(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });

  const finished = (phases.data?.items ?? []).filter((p) => p.over && p.open_count > 0);
  if (!finished.length) return null;
  return (
    <Stack gap="xs">
      {finished.map(({ phase, open_count }) => {
        const label = PHASE_LABEL[phase].toLowerCase();
        const busy = close.isPending && close.variables?.phase === phase;
        return (
          <Alert key={phase} color="gray" variant="light" icon={<IconArchive aria-hidden />} title={`The ${label} phase is over`} data-testid={`finished-phase-${phase}`}>
            <Stack gap="xs">
              <Text size="sm">
                {open_count} {label} task{open_count === 1 ? " is" : "s are"} still open, but the case has moved on. Close{" "}
                {open_count === 1 ? "it" : "them"} in one step rather than let {open_count === 1 ? "it" : "them"} go overdue.
              </Text>
              <Group gap="xs" wrap="wrap">
                <Button size="xs" loading={busy && close.variables?.status === "done"} disabled={close.isPending} onClick={() => close.mutate({ phase, status: "done" })}>
                  Mark {open_count === 1 ? "it" : `all ${open_count}`} done
                </Button>
                <Button size="xs" variant="default" loading={busy && close.variables?.status === "cancelled"} disabled={close.isPending} onClick={() => close.mutate({ phase, status: "cancelled" })}>
                  Cancel {open_count === 1 ? "it" : "them"}
                </Button>
              </Group>
            </Stack>
          </Alert>
        );
      })}
    </Stack>
  );
}
