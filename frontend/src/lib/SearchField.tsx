import { TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useUrlText } from "./useUrlText";

/** What a typed search means as a URL param: trimmed, and none at all when blank. */
const settled = (text: string) => text.trim() || undefined;

interface Props {
  /** The search held in the URL. */
  value: string | undefined;
  /** Puts a new search in the URL. */
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  /** The width the field starts from in a wrapping filter bar. */
  basis?: string;
}

/**
 * The search box of a filter bar whose filters live in the URL: typing updates the URL
 * once it pauses for 300 ms (Enter does at once), and a URL changed elsewhere (the back
 * button, "Clear filters") replaces what is in the box.
 */
export function SearchField({ value, onSearch, placeholder, basis = "16rem" }: Props) {
  const [typed, setTyped] = useUrlText(value, settled, (text) => {
    if (settled(text) !== value) onSearch(settled(text));
  });

  return (
    <form
      role="search"
      style={{ flex: `1 1 ${basis}`, minWidth: 0 }}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(settled(typed));
      }}
    >
      <TextInput
        label="Search"
        placeholder={placeholder}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        type="search"
      />
    </form>
  );
}
