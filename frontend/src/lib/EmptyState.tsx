import { Stack, Text, Title, type TitleOrder } from "@mantine/core";
import type { Icon } from "@tabler/icons-react";
import type { ReactNode } from "react";

interface Props {
  icon: Icon;
  title: ReactNode;
  /** 2 on a page of its own, 3 inside a case tab. */
  headingOrder?: TitleOrder;
  /** What to do about it, in a sentence. */
  children: ReactNode;
  /** The button that does it, if there is one. */
  action?: ReactNode;
}

/** What an empty list shows instead: what is missing, and how to fill it. */
export function EmptyState({ icon: EmptyIcon, title, headingOrder = 2, children, action }: Props) {
  return (
    <Stack align="center" gap="xs" ta="center">
      <EmptyIcon size={40} stroke={1.5} aria-hidden color="var(--mantine-color-gray-6)" />
      <Title order={headingOrder} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed" maw={480}>
        {children}
      </Text>
      {action}
    </Stack>
  );
}
