import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../../api/client";
import { KIND_LABEL } from "../resources/labels";

interface Props {
  label: string;
  description?: string;
  /** Called with the chosen resource's id and name. */
  onPick: (id: string, name: string) => void;
  audience?: "client" | "family";
}

/** Search the practice's directory (name, fellowship, city) and pick one active resource. */
export function ResourcePicker({ label, description, onPick, audience }: Props) {
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ["resources", "pick", query, audience ?? "any"],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/resources", {
          params: { query: { is_active: true, limit: 20, ...(query ? { q: query } : {}), ...(audience ? { audience } : {}) } },
          signal,
        }),
      ),
  });
  const options = (found.data?.items ?? []).map((r) => ({
    value: r.id,
    label: [r.name, r.fellowship, KIND_LABEL[r.kind], r.city].filter(Boolean).join(" · "),
  }));
  return (
    <Select
      label={label}
      description={description}
      placeholder="Search the directory"
      searchable
      clearable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Searching…" : "Nothing in the directory matches"}
      onChange={(value) => {
        const picked = found.data?.items.find((r) => r.id === value);
        if (picked) onPick(picked.id, picked.name);
        setSearch("");
      }}
    />
  );
}
