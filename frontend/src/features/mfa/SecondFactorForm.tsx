import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { session } from "../../api/client";
import { ApiError, describeError, formatWait } from "../../api/problem";
import { cleanCode } from "./api";

interface Props {
  mfaToken: string;
  onSignedIn: () => void | Promise<void>;
  /** Back to the password form (the mfa_token expired, or another account). */
  onRestart: () => void;
}

/** What to say when a code was refused. */
export function secondFactorErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return `Too many wrong codes. Try again in ${formatWait(error.retryAfterSeconds ?? 60)}.`;
    }
    if (error.status === 401) return error.problem.detail ?? "The code is not right.";
  }
  return describeError(error);
}

/** The second step of a sign-in: the 6-digit code of the authenticator app, or a recovery code. */
export function SecondFactorForm({ mfaToken, onSignedIn, onRestart }: Props) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const ready = useRecovery ? value.trim().length >= 8 : cleanCode(value).length === 6;

  const submit = async () => {
    setError(null);
    setPending(true);
    try {
      await session.signInWithSecondFactor(
        mfaToken,
        useRecovery ? { recovery_code: value.trim() } : { otp: cleanCode(value) },
      );
      await onSignedIn();
    } catch (err) {
      setError(secondFactorErrorMessage(err));
      setValue("");
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      aria-label="Two-step sign-in"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Text size="sm">
          {useRecovery
            ? "Enter one of your recovery codes. Each works once."
            : "Enter the 6-digit code from your authenticator app."}
        </Text>
        {error && (
          <Alert color="red" role="alert" title="Could not sign in">
            {error}
          </Alert>
        )}
        <TextInput
          key={useRecovery ? "recovery" : "otp"}
          label={useRecovery ? "Recovery code" : "Authentication code"}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          autoComplete={useRecovery ? "off" : "one-time-code"}
          inputMode={useRecovery ? "text" : "numeric"}
          maxLength={useRecovery ? 40 : 7}
          autoFocus
          required
          withAsterisk={false}
        />
        <Button type="submit" loading={pending} disabled={!ready} fullWidth>
          Verify
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue("");
            setError(null);
          }}
        >
          {useRecovery ? "Use a code from the app instead" : "Use a recovery code instead"}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart}>
          Start over
        </Anchor>
      </Stack>
    </form>
  );
}
