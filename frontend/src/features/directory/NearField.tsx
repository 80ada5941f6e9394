import { Select, TextInput } from "@mantine/core";
import { useState } from "react";
import { parseNear } from "./listing";

export const RADII_KM = [10, 25, 50, 100, 250, 500] as const;

interface Props {
  near?: string;
  withinKm?: number;
  onChange: (change: { near?: string; within_km?: number }) => void;
}

/** "Near (latitude, longitude)" and its radius: the list then comes nearest first. */
export function NearField({ near, withinKm, onChange }: Props) {
  const [text, setText] = useState(near?.replace(",", ", ") ?? "");
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (!text.trim()) {
      setError(null);
      onChange({ near: undefined, within_km: undefined });
      return;
    }
    const parsed = parseNear(text);
    if (!parsed) {
      setError("Write latitude, longitude, e.g. 45.52, -122.68");
      return;
    }
    setError(null);
    onChange({ near: parsed });
  };
  return (
    <>
      <TextInput
        label="Near (latitude, longitude)"
        placeholder="45.52, -122.68"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply();
        }}
        error={error}
        w={{ base: "100%", xs: 220 }}
        inputMode="decimal"
        autoComplete="off"
      />
      {near && (
        <Select
          label="Within"
          data={RADII_KM.map((km) => ({ value: String(km), label: `${km} km` }))}
          value={String(withinKm ?? 50)}
          onChange={(value) => onChange({ within_km: value ? Number(value) : undefined })}
          allowDeselect={false}
          w={110}
        />
      )}
    </>
  );
}

/** Read `near` and `within_km` from untrusted search params (typed URLs, old bookmarks). */
export function parseNearFilters(search: Record<string, unknown>): { near?: string; within_km?: number } {
  const out: { near?: string; within_km?: number } = {};
  if (typeof search.near === "string") {
    const near = parseNear(search.near);
    if (near) out.near = near;
  }
  const within = Number(search.within_km);
  if (out.near && Number.isFinite(within) && within > 0 && within <= 2000) out.within_km = within;
  return out;
}
