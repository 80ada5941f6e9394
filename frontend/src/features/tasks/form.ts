// Values of the task form, and their translation to API bodies.
import type { TaskCreate, TaskPhase, TaskRead, TaskStatus, TaskUpdate } from "../../api/types";
import { isoToLocal, localToIso } from "../plans/form";

export interface TaskFormValues {
  title: string;
  description: string;
  phase: TaskPhase | null;
  /** "user:<id>" or "participant:<id>", or null for nobody. */
  assignee: string | null;
  due_at: string | null;
  status: TaskStatus;
}

export const TASK_FORM_FIELDS = ["title", "description", "phase", "assignee", "due_at", "status"] as const;

export const EMPTY_TASK_FORM: TaskFormValues = {
  title: "",
  description: "",
  phase: "preparation",
  assignee: null,
  due_at: null,
  status: "open",
};

type AssigneeBody = NonNullable<TaskCreate["assignee"]>;

export function encodeAssignee(assignee: TaskRead["assignee"]): string | null {
  if (!assignee) return null;
  if (assignee.user_id) return `user:${assignee.user_id}`;
  if (assignee.participant_id) return `participant:${assignee.participant_id}`;
  return null;
}

export function decodeAssignee(value: string | null): AssigneeBody | null {
  if (!value) return null;
  const [kind, id] = value.split(":");
  if (!id) return null;
  return kind === "user" ? { user_id: id } : kind === "participant" ? { participant_id: id } : null;
}

export function taskToFormValues(task: TaskRead): TaskFormValues {
  return {
    title: task.title,
    description: task.description ?? "",
    phase: task.phase,
    assignee: encodeAssignee(task.assignee),
    due_at: isoToLocal(task.due_at),
    status: task.status,
  };
}

export function toCreateBody(values: TaskFormValues): TaskCreate {
  const body: TaskCreate = { title: values.title.trim(), phase: values.phase as TaskPhase };
  if (values.description.trim()) body.description = values.description.trim();
  const assignee = decodeAssignee(values.assignee);
  if (assignee) body.assignee = assignee;
  const due = localToIso(values.due_at);
  if (due) body.due_at = due;
  return body;
}

export function toUpdateBody(initial: TaskFormValues, values: TaskFormValues): TaskUpdate {
  const body: TaskUpdate = {};
  if (values.title.trim() !== initial.title) body.title = values.title.trim();
  if (values.description.trim() !== initial.description.trim()) body.description = values.description.trim() || null;
  if (values.phase && values.phase !== initial.phase) body.phase = values.phase;
  if (values.assignee !== initial.assignee) body.assignee = decodeAssignee(values.assignee);
  if (values.due_at !== initial.due_at) body.due_at = localToIso(values.due_at);
  if (values.status !== initial.status) body.status = values.status;
  return body;
}

export function validateTaskForm(values: TaskFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = "Say what needs doing";
  if (!values.phase) errors.phase = "Choose the phase";
  return errors;
}

/** Tasks by phase, in the order of the phases, leaving out empty phases. */
export function groupByPhase<T extends { phase: TaskPhase }>(tasks: readonly T[], phases: readonly TaskPhase[]): [TaskPhase, T[]][] {
  return phases
    .map((phase) => [phase, tasks.filter((t) => t.phase === phase)] as [TaskPhase, T[]])
    .filter(([, list]) => list.length > 0);
}

/** Tasks by case reference, keeping the order of the queue (soonest due first). */
export function groupByCase<T extends { case_id: string; case_reference: string }>(tasks: readonly T[]) {
  const groups = new Map<string, { caseId: string; reference: string; tasks: T[] }>();
  for (const task of tasks) {
    const group = groups.get(task.case_id) ?? { caseId: task.case_id, reference: task.case_reference, tasks: [] };
    group.tasks.push(task);
    groups.set(task.case_id, group);
  }
  return [...groups.values()];
}

/** Soonest due first, undated last; ties keep their order. */
export function sortByDue<T extends { due_at: string | null }>(tasks: readonly T[]): T[] {
  const at = (t: T) => (t.due_at ? Date.parse(t.due_at) : Number.POSITIVE_INFINITY);
  return tasks
    .map((task, index) => ({ task, index }))
    .sort((a, b) => at(a.task) - at(b.task) || a.index - b.index)
    .map(({ task }) => task);
}
