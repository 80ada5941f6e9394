import type { TaskPhase, TaskStatus } from "../../api/types";

export const PHASES: readonly TaskPhase[] = ["preparation", "intervention", "treatment", "aftercare", "follow_up"];

export const PHASE_LABEL: Record<TaskPhase, string> = {
  preparation: "Preparation",
  intervention: "Intervention",
  treatment: "Treatment",
  aftercare: "Aftercare",
  follow_up: "Follow-up",
};

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  open: "Open",
  done: "Done",
  cancelled: "Canceled",
};
