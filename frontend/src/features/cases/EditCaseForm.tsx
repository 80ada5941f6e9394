import { Alert, Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Versioned } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { CaseRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { caseQueryOptions, useUpdateCase } from "./api";
import { CaseFormFields } from "./CaseFormFields";
import { CASE_FORM_FIELDS, caseToFormValues, toUpdateBody, validateCaseForm, type CaseFormValues } from "./form";

export const CONFLICT_MESSAGE = "This case was changed by someone else — reload to see their changes.";

interface Props {
  current: Versioned<CaseRead>;
  onDone: () => void;
}

export function EditCaseForm({ current, onDone }: Props) {
  const queryClient = useQueryClient();
  const update = useUpdateCase(current.data.id);
  // The version the user started editing; the PATCH is conditional on it.
  const [base, setBase] = useState(current);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CaseFormValues>({
    mode: "controlled",
    initialValues: caseToFormValues(current.data),
    validate: validateCaseForm,
  });

  const reload = async () => {
    try {
      const fresh = await queryClient.fetchQuery({ ...caseQueryOptions(current.data.id), staleTime: 0 });
      const values = caseToFormValues(fresh.data);
      setBase(fresh);
      form.setInitialValues(values);
      form.setValues(values);
      form.clearErrors();
      setConflict(false);
      setFormError(null);
    } catch (error) {
      setFormError(error instanceof Error ? error.message : "Could not reload the case.");
    }
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = toUpdateBody(caseToFormValues(base.data), values);
    if (Object.keys(body).length === 0) {
      onDone();
      return;
    }
    if (!base.etag) {
      setConflict(true);
      return;
    }
    try {
      await update.mutateAsync({ body, etag: base.etag });
      notifications.show({ color: "teal", title: "Saved", message: "The case was updated." });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, CASE_FORM_FIELDS));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit case">
      <Stack>
        {conflict && (
          <ConflictAlert title="Not saved" onReload={reload}>
            <span>{CONFLICT_MESSAGE}</span>
          </ConflictAlert>
        )}
        {formError && (
          <Alert color="red" title="The case was not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
            {formError}
          </Alert>
        )}
        <CaseFormFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending} disabled={conflict}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
