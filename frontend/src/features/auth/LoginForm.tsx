import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useInterval } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { session } from "../../api/client";
import { ApiError, describeError, formatWait } from "../../api/problem";
import { SecondFactorForm } from "../mfa/SecondFactorForm";
import { TotpEnrollment } from "../mfa/TotpEnrollment";

/** The next step the API asked for after a right password (docs/security.md). */
interface Challenge {
  kind: "mfa-required" | "mfa-enrollment-required";
  mfaToken: string;
}

export function challengeOf(error: unknown): Challenge | null {
  if (!(error instanceof ApiError)) return null;
  const token = (error.problem as { mfa_token?: unknown }).mfa_token;
  if (typeof token !== "string") return null;
  const slug: string = error.slug;
  if (slug === "mfa-required" || slug === "mfa-enrollment-required") return { kind: slug, mfaToken: token };
  return null;
}

interface Props {
  onSignedIn: () => void | Promise<void>;
}

/** What to tell a person whose sign-in was refused. */
export function signInErrorMessage(error: unknown): { message: string; waitSeconds: number | null } {
  if (error instanceof ApiError) {
    const wait = error.retryAfterSeconds;
    if (error.slug === "account-locked") {
      return {
        message: `Too many failed attempts: this account is locked for now. Try again in ${formatWait(wait ?? 60)}.`,
        waitSeconds: wait ?? 60,
      };
    }
    if (error.status === 429) {
      return {
        message: `Too many sign-in attempts. Try again in ${formatWait(wait ?? 60)}.`,
        waitSeconds: wait ?? 60,
      };
    }
    if (error.status === 401 || error.status === 400) {
      return { message: "The email or password is not correct.", waitSeconds: null };
    }
  }
  return { message: describeError(error), waitSeconds: null };
}

export function LoginForm({ onSignedIn }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [remaining, setRemaining] = useState(0);
  const [pending, setPending] = useState(false);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : "Enter your email address"),
      password: (value) => (value ? null : "Enter your password"),
    },
  });

  const tick = useInterval(() => {
    const left = waitUntil ? Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000)) : 0;
    setRemaining(left);
    if (left === 0) {
      setWaitUntil(null);
      tick.stop();
    }
  }, 1000);

  useEffect(() => {
    if (waitUntil) tick.start();
    return tick.stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waitUntil]);

  const submit = form.onSubmit(async ({ email, password }) => {
    setError(null);
    setPending(true);
    try {
      await session.signIn(email.trim(), password);
      await onSignedIn();
    } catch (err) {
      const next = challengeOf(err);
      if (next) {
        setChallenge(next);
        form.setFieldValue("password", "");
        return;
      }
      const { message, waitSeconds } = signInErrorMessage(err);
      setError(message);
      if (waitSeconds) {
        setWaitUntil(Date.now() + waitSeconds * 1000);
        setRemaining(waitSeconds);
      }
      form.setFieldValue("password", "");
    } finally {
      setPending(false);
    }
  });

  const blocked = waitUntil !== null && remaining > 0;
  if (challenge?.kind === "mfa-required") {
    return <SecondFactorForm mfaToken={challenge.mfaToken} onSignedIn={onSignedIn} onRestart={() => setChallenge(null)} />;
  }
  if (challenge?.kind === "mfa-enrollment-required") {
    return (
      <Stack>
        <Alert color="blue" role="status" title="Set up two-step sign-in">
          Your practice requires a code from an authenticator app at sign-in. Set it up now to continue.
        </Alert>
        <TotpEnrollment
          enrollmentToken={challenge.mfaToken}
          onCancel={() => setChallenge(null)}
          onDone={async (confirmation) => {
            if (confirmation.tokens) session.adopt(confirmation.tokens);
            await onSignedIn();
          }}
        />
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack>
        {error && (
          <Alert color="red" role="alert" title="Could not sign in">
            {error}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          withAsterisk={false}
          autoFocus
          key={form.key("email")}
          {...form.getInputProps("email")}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          withAsterisk={false}
          key={form.key("password")}
          {...form.getInputProps("password")}
        />
        <Button type="submit" loading={pending} disabled={blocked} fullWidth>
          {blocked ? `Try again in ${formatWait(remaining)}` : "Sign in"}
        </Button>
      </Stack>
    </form>
  );
}
