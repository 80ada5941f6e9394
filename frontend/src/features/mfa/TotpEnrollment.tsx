import { Alert, Button, Code, Group, Loader, Stack, Text, TextInput } from "@mantine/core";
import { lazy, Suspense, useEffect, useState } from "react";
import { describeError } from "../../api/problem";
import { cleanCode, confirmEnrollment, startEnrollment, type MfaConfirmation, type MfaEnrollment } from "./api";
import { RecoveryCodes } from "./RecoveryCodes";

// The QR library is fetched when a setup starts, not with the sign-in page every
// visit loads (issue 15's budget for the first load).
const QrCode = lazy(() => import("./QrCode").then((module) => ({ default: module.QrCode })));

interface Props {
  /** The `mfa_token` of an `mfa-enrollment-required` sign-in; absent when signed in. */
  enrollmentToken?: string;
  /** Called once the codes were shown and the person chose to go on. */
  onDone: (confirmation: MfaConfirmation) => void | Promise<void>;
  onCancel?: () => void;
}

/** Set up an authenticator app: scan or type the secret, confirm a code, keep the recovery codes. */
export function TotpEnrollment({ enrollmentToken, onDone, onCancel }: Props) {
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null);
  const [confirmation, setConfirmation] = useState<MfaConfirmation | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let live = true;
    startEnrollment(enrollmentToken)
      .then((started) => live && setEnrollment(started))
      .catch((err: unknown) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [enrollmentToken]);

  const confirm = async () => {
    setError(null);
    setPending(true);
    try {
      setConfirmation(await confirmEnrollment(cleanCode(code), enrollmentToken));
    } catch (err) {
      setError(describeError(err));
      setCode("");
    } finally {
      setPending(false);
    }
  };

  if (confirmation) {
    return (
      <Stack>
        <Text fw={600}>Two-step sign-in is on.</Text>
        <RecoveryCodes codes={confirmation.recovery_codes} />
        <Group justify="flex-end">
          <Button onClick={() => void onDone(confirmation)}>I saved my codes</Button>
        </Group>
      </Stack>
    );
  }
  if (!enrollment) {
    return error ? (
      <Alert color="red" role="alert" title="Could not start">
        {error}
      </Alert>
    ) : (
      <Loader aria-label="Preparing the setup" />
    );
  }
  return (
    <form
      aria-label="Set up an authenticator app"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <Stack>
        <Text size="sm">
          1. Scan this code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or
          1Password).
        </Text>
        <Suspense fallback={<Loader aria-label="Drawing the QR code" />}>
          <QrCode value={enrollment.otpauth_uri} label="QR code for your authenticator app" />
        </Suspense>
        <Text size="sm">Or type this key into the app:</Text>
        <Code block data-testid="totp-secret" style={{ wordBreak: "break-all" }}>
          {enrollment.secret}
        </Code>
        <TextInput
          label="2. Enter the 6-digit code the app shows"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          w={160}
          required
        />
        {error && (
          <Alert color="red" role="alert" title="Not turned on">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={pending} disabled={cleanCode(code).length !== 6}>
            Turn on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
