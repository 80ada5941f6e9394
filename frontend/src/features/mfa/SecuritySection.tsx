import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../../api/problem";
import { formatDateTime } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { cleanCode, myMfaQueryOptions, useDisableMfa, useMyMfa } from "./api";
import { TotpEnrollment } from "./TotpEnrollment";

/** The signed-in person's two-step sign-in: set it up, see its state, turn it off. */
export function SecuritySection() {
  const status = useMyMfa();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);

  const body = () => {
    if (status.isPending) return <Loader aria-label="Loading two-step sign-in" />;
    if (status.isError) return <LoadError title="Could not load" error={status.error} onRetry={status.refetch} />;
    const mfa = status.data;
    if (enrolling) {
      return (
        <TotpEnrollment
          onCancel={() => setEnrolling(false)}
          onDone={async () => {
            setEnrolling(false);
            await queryClient.invalidateQueries({ queryKey: myMfaQueryOptions.queryKey });
          }}
        />
      );
    }
    if (!mfa.enabled) {
      return (
        <Stack gap="sm">
          <Text size="sm">
            Sign in with your password and a 6-digit code from an authenticator app on your phone, so a stolen password
            alone cannot open client records.
          </Text>
          {mfa.required_by_organization && (
            <Alert color="orange" role="status">
              Your practice requires two-step sign-in.
            </Alert>
          )}
          <Group>
            <Button onClick={() => setEnrolling(true)}>Set up two-step sign-in</Button>
          </Group>
        </Stack>
      );
    }
    return (
      <Stack gap="sm">
        <Text size="sm">
          On since {mfa.confirmed_at ? formatDateTime(mfa.confirmed_at) : "—"}. Recovery codes left:{" "}
          {mfa.recovery_codes_left}.
        </Text>
        {mfa.required_by_organization ? (
          <Text size="sm" c="dimmed">
            Your practice requires two-step sign-in, so it cannot be turned off. An admin can reset it if you lose your
            phone.
          </Text>
        ) : disabling ? (
          <DisableForm onClose={() => setDisabling(false)} />
        ) : (
          <Group>
            <Button variant="default" color="red" onClick={() => setDisabling(true)}>
              Turn off
            </Button>
          </Group>
        )}
      </Stack>
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="security-title">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="security-title">
            Two-step sign-in
          </Title>
          {status.data && (
            <Badge color={status.data.enabled ? "teal" : "gray"} variant="light">
              {status.data.enabled ? "On" : "Off"}
            </Badge>
          )}
        </Group>
        {body()}
      </Stack>
    </Card>
  );
}

function DisableForm({ onClose }: { onClose: () => void }) {
  const disable = useDisableMfa();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Turn off two-step sign-in"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        try {
          await disable.mutateAsync(cleanCode(code));
          notifications.show({ color: "teal", title: "Two-step sign-in is off", message: "Your password alone signs you in." });
          onClose();
        } catch (err) {
          setError(describeError(err));
        }
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Current code from your app"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          w={200}
          required
        />
        {error && (
          <Alert color="red" role="alert" title="Still on">
            {error}
          </Alert>
        )}
        <Group>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={disable.isPending} disabled={cleanCode(code).length !== 6}>
            Turn off
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
