import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useRef, useState } from "react";
import type { CaseRead, ConsentRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { useMe } from "../auth/api";
import { options } from "../cases/labels";
import { useAllCenters } from "../centers/api";
import { DateTimeField } from "../plans/DateTimeField";
import { CenterSelect } from "../referrals/CenterSelect";
import { useRecordConsent } from "./api";
import {
  CONSENT_FORM_FIELDS,
  initialConsentValues,
  signatureComplete,
  signatureMatches,
  toConsentBody,
  validateConsentForm,
  type ConsentFormValues,
  type EventChoice,
  type ExpiryKind,
} from "./form";
import { EXPIRATION_EVENT_LABEL, SIGNATURE_METHOD_LABEL, SIGNER_RELATIONSHIP_LABEL } from "./labels";
import { formatDateTime, PICKER_DAY_FORMAT, practiceNowForPicker } from "../../lib/format";

interface Props {
  caseData: CaseRead;
  onDone: (consent: ConsentRead) => void;
  onCancel: () => void;
}


function confirmationText(values: ConsentFormValues): string {
  const signer = values.signed_by.trim() || "the signer";
  const when = values.signed_at && dayjs(values.signed_at).isValid() ? ` on ${formatDateTime(dayjs(values.signed_at).toDate().toISOString())}` : "";
  const how =
    values.signature_method === "typed_name"
      ? "signed it by typing their name above"
      : values.signature_method === "wet_signature"
        ? "signed it on paper, and the signed form is kept with the record"
        : "signed it electronically in another system, and that record is kept";
  return `I confirm that ${signer} read this consent (or had it read to them), understood it can be revoked at any time, and ${how}${when}.`;
}

/** The 42 CFR Part 2 consent, every element, signed by typed name with an explicit confirmation. */
export function ConsentForm({ caseData, onDone, onCancel }: Props) {
  const me = useMe();
  const centers = useAllCenters();
  const record = useRecordConsent(caseData.id);
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const form = useForm<ConsentFormValues>({
    mode: "controlled",
    initialValues: initialConsentValues({
      patientName: `${caseData.client.first_name} ${caseData.client.last_name}`.trim(),
      organizationName: me.organization.name,
    }),
    validate: (values) => validateConsentForm(values),
  });
  const values = form.getValues();
  const signed = signatureComplete(values);
  const typedMatches = signatureMatches(values.typed_signature, values.signed_by);

  const submit = form.onSubmit(
    async (submitted) => {
      setFormError(null);
      const body = toConsentBody(submitted);
      try {
        const consent = await record.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        keys.current.reset();
        notifications.show({ color: "teal", title: "Consent recorded", message: `Signed by ${consent.signed_by}` });
        onDone(consent);
      } catch (error) {
        // The values stay exactly as typed; only the messages change.
        setFormError(applyApiError(form, error, CONSENT_FORM_FIELDS));
      }
    },
    (errors) => {
      const first = Object.keys(errors)[0];
      if (first) form.getInputNode(first)?.focus();
    },
  );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="consent-form-title">
      <form onSubmit={submit} noValidate aria-labelledby="consent-form-title">
        <Stack gap="md">
          <div>
            <Title order={3} size="h4" id="consent-form-title">
              Record a consent to disclose
            </Title>
            <Text size="sm" c="dimmed">
              Every element of a 42 CFR Part 2 written consent. Once recorded it cannot be changed — only revoked.
            </Text>
          </div>
          {formError && (
            <Alert color="red" title="The consent was not recorded" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}

          <Fieldset legend="Who, to whom">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Patient name" withAsterisk autoComplete="off" {...form.getInputProps("patient_name")} />
                <TextInput
                  label="Disclosing party"
                  description="Who discloses the records: your organization"
                  withAsterisk
                  {...form.getInputProps("disclosing_party")}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <CenterSelect
                  label="Recipient treatment center"
                  description="A referral can only use a consent that names its center"
                  placeholder={centers.isPending ? "Loading the directory…" : "Choose a center"}
                  centers={centers.data ?? []}
                  clearable
                  {...form.getInputProps("recipient_treatment_center_id")}
                  error={form.errors.recipient_treatment_center_id ?? (centers.isError ? "Could not load the directory" : undefined)}
                />
                <TextInput
                  label="Recipient description"
                  description="Or in addition: the person or role who receives it (for example “admissions team”)"
                  {...form.getInputProps("recipient_description")}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend="What and why">
            <Stack gap="sm">
              <Textarea
                label="Purpose of the disclosure"
                withAsterisk
                placeholder="Referral for admission to treatment and coordination of care"
                autosize
                minRows={2}
                {...form.getInputProps("purpose")}
              />
              <Textarea
                label="Information to be disclosed"
                description="How much and what kind: be specific, disclose the minimum necessary"
                withAsterisk
                placeholder="Substance use history, current use, risk factors and the intervention summary"
                autosize
                minRows={2}
                {...form.getInputProps("information_description")}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend="When it ends">
            <Stack gap="sm">
              <Radio.Group
                label="The consent ends"
                description="Required: a consent must end on a date or on an event — choose one."
                withAsterisk
                value={values.expiry_kind}
                onChange={(value) => form.setFieldValue("expiry_kind", value as ExpiryKind)}
              >
                <Group gap="lg" mt={6}>
                  <Radio value="date" label="On a date" />
                  <Radio value="event" label="On an event" />
                </Group>
              </Radio.Group>
              {values.expiry_kind === "date" ? (
                <DatePickerInput
                  label="Expiry date"
                  description="As written on the form: the consent holds until the end of this day, in your practice's time zone"
                  withAsterisk
                  valueFormat={PICKER_DAY_FORMAT}
                  minDate={dayjs().format("YYYY-MM-DD")}
                  clearable
                  {...form.getInputProps("expires_at")}
                />
              ) : (
                <>
                  <Radio.Group
                    label="The event that ends it"
                    description="Cairn sees these happen and ends the consent at once. For any other event, a task asks the case lead to confirm the consent still holds."
                    withAsterisk
                    value={values.event_choice ?? ""}
                    onChange={(value) => form.setFieldValue("event_choice", value as EventChoice)}
                    error={form.errors.event_choice}
                  >
                    <Stack gap={6} mt={6}>
                      {(Object.keys(EXPIRATION_EVENT_LABEL) as (keyof typeof EXPIRATION_EVENT_LABEL)[]).map((event) => (
                        <Radio key={event} value={event} label={EXPIRATION_EVENT_LABEL[event]} />
                      ))}
                      <Radio value="other" label="Other (describe)" />
                    </Stack>
                  </Radio.Group>
                  {values.event_choice === "other" && (
                    <TextInput
                      label="Expiration event"
                      description="As written on the form, for example “one year after admission”"
                      withAsterisk
                      {...form.getInputProps("expiration_event")}
                    />
                  )}
                </>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend="Signature">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Signed by" description="Full name of the person who signs" withAsterisk {...form.getInputProps("signed_by")} />
                <Select
                  label="Signer is"
                  allowDeselect={false}
                  data={options(SIGNER_RELATIONSHIP_LABEL)}
                  {...form.getInputProps("signer_relationship")}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <DateTimeField label="Signed at" withAsterisk maxDate={practiceNowForPicker()} {...form.getInputProps("signed_at")} />
                <Select
                  label="Signature method"
                  allowDeselect={false}
                  data={options(SIGNATURE_METHOD_LABEL)}
                  {...form.getInputProps("signature_method")}
                />
              </SimpleGrid>
              {values.signature_method === "typed_name" && (
                <TextInput
                  label="Signature: the signer types their full name"
                  description={
                    values.typed_signature.trim() && !typedMatches
                      ? `Does not match “${values.signed_by.trim()}” yet`
                      : "Exactly as in “Signed by” (capitals and spaces do not matter)"
                  }
                  autoComplete="off"
                  withAsterisk
                  styles={{ input: { fontFamily: "'Segoe Script', 'Brush Script MT', cursive", fontSize: "1.15rem" } }}
                  rightSection={typedMatches ? <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden /> : null}
                  {...form.getInputProps("typed_signature")}
                />
              )}
              <Checkbox
                label={confirmationText(values)}
                {...form.getInputProps("confirmed", { type: "checkbox" })}
              />
            </Stack>
          </Fieldset>

          {confirmDiscard && (
            <Alert color="orange" role="alert" title="Discard this consent?">
              <Stack gap="xs" align="flex-start">
                <span>What you typed is not saved anywhere yet.</span>
                <Group gap="xs">
                  <Button size="xs" color="red" onClick={onCancel}>
                    Discard
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setConfirmDiscard(false)}>
                    Keep editing
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" wrap="wrap">
            {!signed && (
              <Text size="sm" c="dimmed" id="consent-sign-hint">
                {values.signature_method === "typed_name"
                  ? "To record it: the typed signature must match the signer's name, and the confirmation must be ticked."
                  : "To record it: tick the confirmation."}
              </Text>
            )}
            <Button variant="default" onClick={() => (form.isDirty() ? setConfirmDiscard(true) : onCancel())}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending} disabled={!signed} aria-describedby={signed ? undefined : "consent-sign-hint"}>
              Record consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
