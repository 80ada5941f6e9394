// What changed between two saved versions of a document (their revision snapshots): the
// shapes the revision history shows, and the list comparison every document uses.

export type Snapshot = Record<string, unknown>;

export interface FieldChange {
  /** Stable id of the change ("location", "sections.opening", "contributions.<id>"). */
  field: string;
  label: string;
  /** For single values: the text before and after (null: not set). */
  before?: string | null;
  after?: string | null;
  /** For lists: entries only in the newer or only in the older version. */
  added?: string[];
  removed?: string[];
  /** The same entries in another order. */
  reordered?: boolean;
}

/** Entries of `after` missing from `before` and the reverse, counting duplicates. */
export function listDelta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const remaining = [...before];
  const added: string[] = [];
  for (const item of after) {
    const at = remaining.indexOf(item);
    if (at >= 0) remaining.splice(at, 1);
    else added.push(item);
  }
  return { added, removed: remaining };
}

export function listChange(field: string, label: string, before: string[], after: string[]): FieldChange | null {
  const { added, removed } = listDelta(before, after);
  const reordered = !added.length && !removed.length && before.some((item, i) => item !== after[i]);
  if (!added.length && !removed.length && !reordered) return null;
  return { field, label, added, removed, ...(reordered ? { reordered: true } : {}) };
}
