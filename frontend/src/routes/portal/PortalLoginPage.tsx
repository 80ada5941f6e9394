import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDocumentTitle } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { session } from "../../api/client";
import { meQueryOptions } from "../../features/auth/api";
import { signInErrorMessage } from "../../features/auth/LoginForm";
import { portalRedirect } from "../../features/portal/redirect";
import { PortalAuthFrame } from "./PortalAuthFrame";

const route = getRouteApi("/portal/login");

export function PortalLoginPage() {
  useDocumentTitle("Sign in · Cairn");
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : "Enter your email address"),
      password: (value) => (value ? null : "Enter your password"),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setError(null);
    setPending(true);
    try {
      await session.signIn(email.trim(), password);
      queryClient.clear();
      const me = await queryClient.fetchQuery(meQueryOptions);
      // Practice staff have their own sign-in and dashboard.
      router.history.replace(me.kind === "portal" ? portalRedirect(search.redirect) : "/login");
    } catch (err) {
      setError(signInErrorMessage(err).message);
      form.setFieldValue("password", "");
    } finally {
      setPending(false);
    }
  });

  return (
    <PortalAuthFrame>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            Sign in
          </Title>
          <Text c="dimmed">For clients and families working with a Cairn practice.</Text>
        </div>
        {search.reason === "expired" && (
          <Alert color="blue" role="status">
            You were signed out. Sign in again to continue.
          </Alert>
        )}
        <form onSubmit={submit} noValidate aria-label="Sign in">
          <Stack>
            {error && (
              <Alert color="red" role="alert" title="Could not sign in">
                {error}
              </Alert>
            )}
            <TextInput size="lg" label="Email" type="email" autoComplete="username" key={form.key("email")} {...form.getInputProps("email")} />
            <PasswordInput
              size="lg"
              label="Password"
              autoComplete="current-password"
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
            <Button type="submit" size="lg" loading={pending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
        <Text size="sm" c="dimmed">
          New here? Open the link in your invitation, or ask your interventionist for one. Forgot your password? Ask your
          interventionist for a new invitation.
        </Text>
      </Stack>
    </PortalAuthFrame>
  );
}
