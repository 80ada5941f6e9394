import { Alert, Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { CaseRead, ReferralRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { ButtonLink } from "../../lib/links";
import { useAllCenters } from "../centers/api";
import { useConsents } from "../consents/api";
import { eventText } from "../consents/labels";
import { usePlan } from "../plans/api";
import { useCreateReferral } from "./api";
import { CenterSelect, PartnerBadge, bedsText } from "./CenterSelect";
import {
  EMPTY_REFERRAL_FORM,
  REFERRAL_FORM_FIELDS,
  consentAfterCenterChange,
  consentsForCenter,
  referralStartFromPlan,
  toReferralBody,
  validateReferralForm,
  type ReferralFormValues,
} from "./form";
import { ReferralDetailsFields } from "./ReferralDetailsFields";
import { formatDayOf } from "../../lib/format";

const onDay = formatDayOf;

interface Props {
  caseData: CaseRead;
  onClose: () => void;
  onCreated: (referral: ReferralRead) => void;
}

export function NewReferralModal({ caseData, onClose, onCreated }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const centers = useAllCenters();
  const consents = useConsents(caseData.id);
  const create = useCreateReferral(caseData.id);
  const keys = useRef(new IdempotencyKeys());
  const [problem, setProblem] = useState<{ title: string; text: string; consent: boolean } | null>(null);
  const form = useForm<ReferralFormValues>({
    mode: "controlled",
    initialValues: EMPTY_REFERRAL_FORM,
    validate: validateReferralForm,
  });
  // Start from the plan's primary treatment option, once, before anyone has typed.
  const plan = usePlan(caseData.id);
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !plan.isSuccess || !centers.isSuccess || !consents.isSuccess || form.isDirty()) return;
    prefilled.current = true;
    const start = referralStartFromPlan(plan.data?.data.treatment_options);
    if (!start) return;
    const known = centers.data.some((c) => c.id === start.treatment_center_id);
    const centerId = known ? start.treatment_center_id : null;
    form.setValues({
      treatment_center_id: centerId,
      level_of_care: start.level_of_care,
      consent_id: consentAfterCenterChange(null, consentsForCenter(consents.data ?? [], centerId)),
    });
    form.resetDirty();
  }, [plan.isSuccess, plan.data, centers.isSuccess, centers.data, consents.isSuccess, consents.data, form]);
  const values = form.getValues();
  const center = centers.data?.find((c) => c.id === values.treatment_center_id) ?? null;
  const eligible = consentsForCenter(consents.data ?? [], values.treatment_center_id);
  const noConsent = Boolean(center) && consents.isSuccess && eligible.length === 0;

  const chooseCenter = (centerId: string | null) => {
    form.setFieldValue("treatment_center_id", centerId);
    form.setFieldValue("consent_id", consentAfterCenterChange(values.consent_id, consentsForCenter(consents.data ?? [], centerId)));
    const chosen = centers.data?.find((c) => c.id === centerId);
    if (chosen?.levels_of_care.length === 1 && !values.level_of_care) form.setFieldValue("level_of_care", chosen.levels_of_care[0]!);
    setProblem(null);
  };

  const submit = form.onSubmit(async (submitted) => {
    setProblem(null);
    const body = toReferralBody(submitted);
    try {
      const result = await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
      keys.current.reset();
      notifications.show({ color: "teal", title: "Draft referral created", message: "Review it, then send it to the center." });
      onCreated(result.data);
    } catch (error) {
      if (error instanceof ApiError && error.slug === "consent-required") {
        setProblem({ title: "No active consent for this center", text: describeError(error), consent: true });
        form.setFieldError("consent_id", "This consent cannot be used for this center");
        void consents.refetch();
        return;
      }
      const message = applyApiError(form, error, REFERRAL_FORM_FIELDS);
      if (message) setProblem({ title: "The referral was not created", text: message, consent: false });
    }
  });

  const consentOptions = eligible.map((c) => ({
    value: c.id,
    label: `Signed by ${c.signed_by}, ${onDay(c.signed_at)} — ${
      c.expires_at ? `expires ${onDay(c.expires_at)}` : `until ${eventText(c.expiration_event)}`
    }`,
  }));

  return (
    <Modal opened onClose={onClose} title="New referral" size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="New referral">
        <Stack>
          {problem && (
            <Alert color="red" role="alert" title={problem.title} style={{ whiteSpace: "pre-line" }}>
              <Stack gap="xs" align="flex-start">
                <span>{problem.text}</span>
                {problem.consent && (
                  <ButtonLink to="/cases/$caseId" params={{ caseId: caseData.id }} search={{ tab: "consents" }} size="xs" variant="white" color="red" onClick={onClose}>
                    Go to the Consents tab
                  </ButtonLink>
                )}
              </Stack>
            </Alert>
          )}
          <CenterSelect
            label="Treatment center"
            withAsterisk
            placeholder={centers.isPending ? "Loading the directory…" : "Choose a center"}
            centers={centers.data ?? []}
            value={values.treatment_center_id}
            onChange={chooseCenter}
            error={form.errors.treatment_center_id ?? (centers.isError ? `Could not load the directory: ${describeError(centers.error)}` : undefined)}
          />
          {center && (
            <Group gap="xs" wrap="wrap" aria-label="About this center">
              {center.is_partner && <PartnerBadge />}
              <Text size="sm" c={center.beds_available === 0 ? "red.9" : "dimmed"}>
                {bedsText(center)}
              </Text>
              {center.levels_of_care.length > 0 && (
                <Text size="sm" c="dimmed">
                  · offers {center.levels_of_care.map((l) => `ASAM ${l}`).join(", ")}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {center.is_partner ? "· reports status updates itself, through the partner API" : "· not a partner: you record its updates"}
              </Text>
            </Group>
          )}
          {noConsent ? (
            <Alert color="yellow" title="No active consent names this center" role="status">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  A referral discloses the client's records, so it needs a signed Part 2 consent that names {center?.name} and is neither
                  revoked nor expired. Record one first.
                </Text>
                <ButtonLink to="/cases/$caseId" params={{ caseId: caseData.id }} search={{ tab: "consents" }} size="xs" variant="default" onClick={onClose}>
                  Go to the Consents tab
                </ButtonLink>
              </Stack>
            </Alert>
          ) : (
            <Select
              label="Consent"
              withAsterisk
              description="Only active consents that name this center can be used"
              placeholder={!center ? "Choose the center first" : consents.isPending ? "Loading consents…" : "Choose the consent"}
              disabled={!center}
              data={consentOptions}
              allowDeselect={false}
              {...form.getInputProps("consent_id")}
              error={form.errors.consent_id ?? (consents.isError ? `Could not load the consents: ${describeError(consents.error)}` : undefined)}
            />
          )}
          <ReferralDetailsFields form={form} center={center} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={noConsent}>
              Create draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
