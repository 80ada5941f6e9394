import { Center, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconHourglassEmpty } from "@tabler/icons-react";

/** A short "this area is coming" state for screens a later release fills. */
export function ComingSoon({ title, text }: { title: string; text: string }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs" maw={440} ta="center">
        <ThemeIcon variant="light" color="gray" size={48} radius="xl" aria-hidden>
          <IconHourglassEmpty size={26} />
        </ThemeIcon>
        <Title order={2} size="h4">
          {title}: coming soon
        </Title>
        <Text size="sm" c="dimmed">
          {text}
        </Text>
      </Stack>
    </Center>
  );
}
