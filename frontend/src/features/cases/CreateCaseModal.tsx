import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMediaQuery } from "@mantine/hooks";
import { useNavigate } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { IdempotencyKeys } from "../../lib/idempotency";
import { applyApiError } from "../../lib/forms";
import { useCreateCase } from "./api";
import { CaseFormFields } from "./CaseFormFields";
import { CASE_FORM_FIELDS, EMPTY_CASE_FORM, toCreateBody, validateCaseForm, type CaseFormValues } from "./form";
import { clientName } from "./labels";

export function CreateCaseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const phone = useMediaQuery("(max-width: 36em)");
  const createCase = useCreateCase();
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CaseFormValues>({
    mode: "controlled",
    initialValues: EMPTY_CASE_FORM,
    validate: validateCaseForm,
  });

  // Escape, the close button or a click outside only hide the form: what was typed is
  // still there when it opens again (an Escape meant for the date picker lands here too).
  // Cancel, and a created case, start the next one empty.
  const dismiss = () => {
    setFormError(null);
    onClose();
  };
  const close = () => {
    form.reset();
    setFormError(null);
    keys.current.reset();
    createCase.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = toCreateBody(values);
    try {
      const created = await createCase.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
      notifications.show({
        color: "teal",
        title: "Case created",
        message: `${created.reference} — ${clientName(created.client)}`,
      });
      close();
      void navigate({ to: "/cases/$caseId", params: { caseId: created.id } });
    } catch (error) {
      setFormError(applyApiError(form, error, CASE_FORM_FIELDS));
    }
  });

  return (
    <Modal opened={opened} onClose={dismiss} title="New case" size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="New case">
        <Stack>
          {formError && (
            <Alert color="red" title="The case was not created" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <CaseFormFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createCase.isPending}>
              Create case
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
