import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";

/**
 * The text of a filter field whose value lives in the URL: `commit` runs once typing pauses
 * for 300 ms, and a URL changed elsewhere (the back button, "Clear filters", a shared link)
 * replaces the text, unless the text already `means` that value.
 */
export function useUrlText(
  value: string | undefined,
  means: (text: string) => string | undefined,
  commit: (text: string) => void,
) {
  const [typed, setTyped] = useState(value ?? "");
  const [debounced] = useDebouncedValue(typed, 300);

  useEffect(() => {
    commit(debounced);
    // Only a settled change of the typed text is committed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    setTyped((current) => (means(current) === value ? current : (value ?? "")));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  return [typed, setTyped] as const;
}
