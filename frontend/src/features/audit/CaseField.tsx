import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useUrlText } from "../../lib/useUrlText";
import { parseCaseFilter } from "./filters";

interface Props {
  /** The case the URL filters by (a reference or an id), if any. */
  value: string | undefined;
  /** Puts a case in the URL (undefined: every case). */
  onCase: (value: string | undefined) => void;
  /** Whether the field holds text that names no case (the list is then withheld). */
  onInvalid: (invalid: boolean) => void;
}

const settled = (text: string) => {
  if (!text.trim()) return { value: undefined, valid: true };
  const found = parseCaseFilter(text);
  if (!found) return { value: undefined, valid: false };
  return { value: "case_id" in found ? found.case_id : found.case_reference, valid: true };
};

/**
 * The audit log's Case filter: a reference as the case shows it (C-2026-0027, any case of
 * letters) or a pasted case id. Like a search box it applies once typing pauses (Enter at
 * once); text that is neither is refused in the field, never silently ignored.
 */
export function CaseField({ value, onCase, onInvalid }: Props) {
  const [refused, setRefused] = useState(false);

  const apply = (text: string) => {
    const { value: next, valid } = settled(text);
    setRefused(!valid);
    onInvalid(!valid);
    if (valid && next !== value) onCase(next);
  };
  const [typed, setTyped] = useUrlText(value, (text) => settled(text).value, apply);

  return (
    <TextInput
      label="Case"
      placeholder="C-2026-0027"
      value={typed}
      onChange={(event) => setTyped(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") apply(typed);
      }}
      error={refused ? "Not a case reference (such as C-2026-0027) or case id" : undefined}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
