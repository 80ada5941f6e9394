import { describe, expect, it } from "vitest";
import type { TaskRead } from "../../api/types";
import { localToIso } from "../plans/form";
import {
  EMPTY_TASK_FORM,
  decodeAssignee,
  groupByCase,
  groupByPhase,
  sortByDue,
  taskToFormValues,
  toCreateBody,
  toUpdateBody,
  validateTaskForm,
} from "./form";
import { PHASES } from "./labels";

const task = (extra: Partial<TaskRead>): TaskRead =>
  ({
    id: "t",
    case_id: "c1",
    case_reference: "C-2026-0001",
    title: "Call the center",
    description: null,
    phase: "preparation",
    assignee: { user_id: "u1", participant_id: null, name: "Avery" },
    due_at: "2026-03-01T17:00:00Z",
    status: "open",
    overdue: false,
    completed_at: null,
    from_template: false,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    version: 1,
    ...extra,
  }) as TaskRead;

describe("task form", () => {
  it("encodes a staff member or a participant as the assignee", () => {
    expect(decodeAssignee("user:u1")).toEqual({ user_id: "u1" });
    expect(decodeAssignee("participant:p1")).toEqual({ participant_id: "p1" });
    expect(decodeAssignee(null)).toBeNull();
  });

  it("builds a create body without blank fields", () => {
    expect(toCreateBody({ ...EMPTY_TASK_FORM, title: " Book the room ", assignee: "participant:p1" })).toEqual({
      title: "Book the room",
      phase: "preparation",
      assignee: { participant_id: "p1" },
    });
  });

  it("patches only what changed, including clearing the assignee", () => {
    const initial = taskToFormValues(task({}));
    expect(toUpdateBody(initial, initial)).toEqual({});
    expect(toUpdateBody(initial, { ...initial, assignee: null, phase: "treatment" })).toEqual({ assignee: null, phase: "treatment" });
    expect(localToIso(initial.due_at)).toBe("2026-03-01T17:00:00.000Z");
  });

  it("requires a title", () => {
    expect(validateTaskForm({ ...EMPTY_TASK_FORM })).toEqual({ title: "Say what needs doing" });
  });
});

describe("grouping", () => {
  it("groups by phase in phase order and drops empty phases", () => {
    const groups = groupByPhase([task({ id: "a", phase: "aftercare" }), task({ id: "b", phase: "preparation" })], PHASES);
    expect(groups.map(([phase, list]) => [phase, list.map((t) => t.id)])).toEqual([
      ["preparation", ["b"]],
      ["aftercare", ["a"]],
    ]);
  });

  it("groups the queue by case, keeping its order", () => {
    const groups = groupByCase([
      task({ id: "a", case_id: "c1" }),
      task({ id: "b", case_id: "c2", case_reference: "C-2026-0002" }),
      task({ id: "c", case_id: "c1" }),
    ]);
    expect(groups.map((g) => [g.reference, g.tasks.map((t) => t.id)])).toEqual([
      ["C-2026-0001", ["a", "c"]],
      ["C-2026-0002", ["b"]],
    ]);
  });
});

describe("sortByDue", () => {
  it("puts the soonest first and undated tasks last", () => {
    const sorted = sortByDue([
      task({ id: "none", due_at: null }),
      task({ id: "late", due_at: "2026-03-05T00:00:00Z" }),
      task({ id: "soon", due_at: "2026-03-01T00:00:00Z" }),
    ]);
    expect(sorted.map((t) => t.id)).toEqual(["soon", "late", "none"]);
  });
});
