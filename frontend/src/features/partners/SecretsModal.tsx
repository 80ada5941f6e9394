import { Alert, Button, Checkbox, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useId, useState, type ReactNode } from "react";

export interface Secret {
  /** Stable name for tests and copy labels: "client-id", "client-secret". */
  key: string;
  label: string;
  value: string;
  hint?: string;
}

interface Props {
  title: string;
  intro: ReactNode;
  secrets: readonly Secret[];
  onClose: () => void;
}

/**
 * Credentials the API returns exactly once. The dialog cannot be dismissed by
 * accident (no outside click, no Escape, no ×): the admin confirms they stored
 * them first, because Cairn keeps only digests and cannot show them again.
 */
export function SecretsModal({ title, intro, secrets, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const [stored, setStored] = useState(false);
  const warningId = useId();
  return (
    <Modal
      opened
      onClose={() => {
        if (stored) onClose();
      }}
      title={title}
      size="lg"
      fullScreen={phone}
      centered
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      <Stack>
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={20} aria-hidden />}
          title="You will not see these again"
          id={warningId}
        >
          {intro} Cairn keeps no readable copy: if they are lost, create a new client and revoke this one.
        </Alert>
        {secrets.map((secret) => (
          <SecretField key={secret.key} secret={secret} />
        ))}
        <Checkbox
          label="I have copied these and stored them somewhere safe"
          checked={stored}
          onChange={(event) => setStored(event.currentTarget.checked)}
          aria-describedby={warningId}
        />
        <Group justify="flex-end">
          <Button onClick={onClose} disabled={!stored}>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SecretField({ secret }: { secret: Secret }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {secret.label}
      </Text>
      {secret.hint && (
        <Text size="xs" c="dimmed">
          {secret.hint}
        </Text>
      )}
      <Group gap="xs" wrap="nowrap" align="center" mt={4}>
        <Text
          ff="monospace"
          size="sm"
          data-testid={`secret-${secret.key}`}
          p={6}
          bg="var(--mantine-color-gray-1)"
          style={{ flex: 1, minWidth: 0, overflowWrap: "anywhere", borderRadius: 4, userSelect: "all" }}
        >
          {secret.value}
        </Text>
        <CopyButton value={secret.value} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? "light" : "default"}
              color={copied ? "teal" : undefined}
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              aria-label={copied ? `Copied the ${secret.label.toLowerCase()}` : `Copy the ${secret.label.toLowerCase()}`}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}
