import { Alert, Button, List, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import { acceptInvitation, useInvitationPreview } from "../../features/portal/api";
import { completeInvitationCode } from "../../features/portal/invitationCode";
import { formatDateTime } from "../../lib/format";
import { AnchorLink } from "../../lib/links";
import { PortalAuthFrame } from "./PortalAuthFrame";

const route = getRouteApi("/portal/accept");
const MIN_PASSWORD = 10;

export function acceptErrorMessage(error: unknown): string {
  if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
    return "This invitation code is not valid any more. Ask your interventionist for a new one.";
  }
  if (error instanceof ApiError && error.status === 422) {
    return error.problem.errors?.map((e) => e.msg.replace(/^Value error, /, "")).join(" ") || describeError(error);
  }
  return describeError(error);
}

export function PortalAcceptPage() {
  useDocumentTitle("Welcome · Cairn");
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({
    mode: "controlled",
    initialValues: { code: search.code ?? "", password: "", confirm: "" },
    validate: {
      code: (value) => (value.trim().length >= 4 ? null : "Enter the code from your invitation"),
      password: (value) => (value.length >= MIN_PASSWORD ? null : `Use at least ${MIN_PASSWORD} characters`),
      confirm: (value, values) => (value === values.password ? null : "The two passwords are not the same"),
    },
  });

  const preview = useInvitationPreview(completeInvitationCode(form.values.code));

  const submit = form.onSubmit(async ({ code, password }) => {
    setError(null);
    setPending(true);
    try {
      await acceptInvitation(code, password);
      queryClient.clear();
      await navigate({ to: "/portal", replace: true });
    } catch (err) {
      setError(acceptErrorMessage(err));
    } finally {
      setPending(false);
    }
  });

  return (
    <PortalAuthFrame>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Welcome to Cairn
          </Title>
          {preview.data ? (
            <Text mt="xs" data-testid="invitation-preview">
              Hello {preview.data.name}. {preview.data.organization_name} invited you to Cairn, the private app they use
              to stay in touch between meetings. Here you can:
            </Text>
          ) : (
            <Text mt="xs">
              Your interventionist invited you to Cairn, the private app their practice uses to stay in touch between
              meetings. Here you can:
            </Text>
          )}
          <List mt="xs" spacing={4}>
            <List.Item>send a short check-in each week,</List.Item>
            <List.Item>see your goals and how they are going,</List.Item>
            <List.Item>find help any time of day.</List.Item>
          </List>
          <Text mt="xs" size="sm" c="dimmed">
            Only you and your team at the practice see what you share. Choose a password to start.
          </Text>
        </div>
        <form onSubmit={submit} noValidate aria-label="Accept invitation">
          <Stack>
            {error ? (
              <Alert color="red" role="alert" title="Could not set up your account">
                {error}
              </Alert>
            ) : (
              preview.isError && (
                <Alert color="red" role="alert" title="This invitation cannot be used">
                  {acceptErrorMessage(preview.error)}
                </Alert>
              )
            )}
            <TextInput
              size="lg"
              label="Invitation code"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              {...form.getInputProps("code")}
            />
            {preview.data && (
              <Text size="sm" c="dimmed">
                You will sign in as <strong>{preview.data.email}</strong>. This invitation can be used until{" "}
                {formatDateTime(preview.data.expires_at)}.
              </Text>
            )}
            <PasswordInput
              size="lg"
              label="Choose a password"
              description={`At least ${MIN_PASSWORD} characters. A short sentence is easy to remember.`}
              autoComplete="new-password"
              {...form.getInputProps("password")}
            />
            <PasswordInput size="lg" label="Type it again" autoComplete="new-password" {...form.getInputProps("confirm")} />
            <Button type="submit" size="lg" px="sm" loading={pending} fullWidth>
              Set password and continue
            </Button>
          </Stack>
        </form>
        <Text size="sm">
          Already set a password? <AnchorLink to="/portal/login">Sign in</AnchorLink>
        </Text>
      </Stack>
    </PortalAuthFrame>
  );
}
