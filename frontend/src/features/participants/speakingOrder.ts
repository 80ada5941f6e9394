// The order in which participants read their letters.
import type { ParticipantRead } from "../../api/types";
import { SPEAKING_ROLES } from "./labels";

/** A copy of `list` with the item at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const result = [...list];
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return result;
  const [item] = result.splice(from, 1);
  result.splice(to, 0, item as T);
  return result;
}

/**
 * The speakers in their order: the saved order first (the plan's when there is a
 * plan and it has one, otherwise each participant's own `speaking_order`), then
 * speakers not placed yet, in the order they were added. Participants who do not
 * speak (observers, not attending) are left out.
 */
export function speakingOrderOf(
  participants: readonly ParticipantRead[],
  planOrder: readonly string[] | null,
): ParticipantRead[] {
  const speakers = participants.filter((p) => SPEAKING_ROLES.has(p.role) || planOrder?.includes(p.id));
  if (planOrder && planOrder.length) {
    const byId = new Map(speakers.map((p) => [p.id, p]));
    const placed = planOrder.map((id) => byId.get(id)).filter((p): p is ParticipantRead => Boolean(p));
    const rest = speakers.filter((p) => !planOrder.includes(p.id));
    return [...placed, ...rest];
  }
  const indexed = speakers.map((p, index) => ({ p, index }));
  indexed.sort((a, b) => {
    const ao = a.p.speaking_order ?? Number.POSITIVE_INFINITY;
    const bo = b.p.speaking_order ?? Number.POSITIVE_INFINITY;
    return ao === bo ? a.index - b.index : ao - bo;
  });
  return indexed.map(({ p }) => p);
}

/** Participants whose own `speaking_order` must change so that `ordered` is 1, 2, 3 … */
export function participantOrderChanges(
  ordered: readonly ParticipantRead[],
): { participant: ParticipantRead; speaking_order: number }[] {
  return ordered
    .map((participant, index) => ({ participant, speaking_order: index + 1 }))
    .filter(({ participant, speaking_order }) => participant.speaking_order !== speaking_order);
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
