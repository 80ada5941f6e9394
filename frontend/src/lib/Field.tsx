import { Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One term and its value in a description list (a `<dl>` of a record's facts). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
