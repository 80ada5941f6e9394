import { Stack, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { SecuritySection } from "../features/mfa/SecuritySection";

/** The signed-in person's own account: for now, how they sign in. */
export function AccountPage() {
  useDocumentTitle("My account · Cairn");
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} size="h2">
        My account
      </Title>
      <SecuritySection />
    </Stack>
  );
}
