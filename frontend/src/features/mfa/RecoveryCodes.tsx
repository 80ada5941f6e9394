import { Alert, Button, CopyButton, Group, List, Stack, Text } from "@mantine/core";
import { IconCopy, IconDownload } from "@tabler/icons-react";

/** The ten recovery codes, shown once, with copy and download. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const text = `Cairn recovery codes. Each works once, instead of a code from your app.\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "cairn-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Save your recovery codes now" role="status">
        If you lose your phone, each of these codes signs you in once. They are shown only this time.
      </Alert>
      <List spacing={2} data-testid="recovery-codes" styles={{ item: { fontFamily: "monospace" } }}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={copy}>
              {copied ? "Copied" : "Copy codes"}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
          Download
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Keep them somewhere safe, apart from your phone.
      </Text>
    </Stack>
  );
}
