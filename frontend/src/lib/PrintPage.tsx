import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import type { ReactNode } from "react";
import "./printPage.css";

interface Props {
  /** The link back to where the document lives in the app (hidden on paper). */
  back: ReactNode;
  /** The confidentiality line above the title. */
  confidential: string;
  title: ReactNode;
  /** What identifies the document under its title: reference, status, version. */
  meta: ReactNode;
  children: ReactNode;
  /** One sheet of paper: smaller type and, inside `.print-columns`, two columns on paper. */
  compact?: boolean;
}

/**
 * A document to print (the consent form, the run sheet). On screen it has a Back link
 * and a Print button; on paper only the document remains: no app shell, ink-only
 * colours, headings kept with what follows. `print-text` keeps typed line breaks;
 * `print-keep` keeps a block on one page. A `compact` page is meant for one sheet (the
 * aftercare plan for the fridge): smaller type, and its `.print-columns` in two columns.
 */
export function PrintPage({ back, confidential, title, meta, children, compact = false }: Props) {
  return (
    <Stack gap="lg" className={compact ? "print-page print-compact" : "print-page"}>
      <Group justify="space-between" className="no-print" wrap="wrap" gap="sm">
        {back}
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          Print
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="xs" tt="uppercase" fw={700} c="red.9">
          {confidential}
        </Text>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Group gap="xs" wrap="wrap">
          {meta}
        </Group>
      </Stack>

      {children}
    </Stack>
  );
}
