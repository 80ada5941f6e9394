import { Alert, Button, Group, Modal, Select, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { ReferralRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { useConsents } from "../consents/api";
import { ReferralConflictAlert } from "./ActionModals";
import { useUpdateDraft } from "./api";
import { REFERRAL_FORM_FIELDS, consentsForCenter, referralToFormValues, toDraftUpdate, validateReferralForm, type ReferralFormValues } from "./form";
import { ReferralDetailsFields } from "./ReferralDetailsFields";
import { formatDayOf } from "../../lib/format";


/** A draft can still change (not its center: that would be another referral). */
export function EditDraftModal({ referral, onClose }: { referral: ReferralRead; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const consents = useConsents(referral.case_id);
  const update = useUpdateDraft();
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ReferralFormValues>({
    mode: "controlled",
    initialValues: referralToFormValues(referral),
    validate: validateReferralForm,
  });
  const eligible = consentsForCenter(consents.data ?? [], referral.treatment_center_id);
  const consentOptions = eligible.map((c) => ({ value: c.id, label: `Signed by ${c.signed_by}, ${formatDayOf(c.signed_at)}` }));
  // The consent in use may have ended meanwhile; it stays visible so the user sees what to replace.
  if (referral.consent_id && !eligible.some((c) => c.id === referral.consent_id)) {
    consentOptions.push({ value: referral.consent_id, label: "The current consent (no longer active)" });
  }

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = toDraftUpdate(referral, values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ referral, body });
      notifications.show({ color: "teal", title: "Draft saved", message: referral.treatment_center_name });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        return;
      }
      if (error instanceof ApiError && error.slug === "consent-required") {
        form.setFieldError("consent_id", describeError(error));
        return;
      }
      setFormError(applyApiError(form, error, REFERRAL_FORM_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Edit the draft referral" size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="Edit the draft referral">
        <Stack>
          {conflict && (
            <ReferralConflictAlert referral={referral} title="Not saved" onClose={onClose} />
          )}
          {formError && (
            <Alert color="red" role="alert" title="The draft was not saved" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <Select
            label="Consent"
            withAsterisk
            description="Only active consents that name this center can be used"
            data={consentOptions}
            allowDeselect={false}
            {...form.getInputProps("consent_id")}
          />
          <ReferralDetailsFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={conflict}>
              Save draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
