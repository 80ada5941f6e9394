import { Alert, Button, Modal, PasswordInput, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError } from "../../api/problem";
import { applyApiError } from "../../lib/forms";
import { useChangePassword } from "./api";

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { current_password: "", new_password: "", confirm: "" },
    validate: {
      current_password: (v) => (v ? null : "Enter your current password"),
      new_password: (v) => (v.length >= 12 ? null : "Use at least 12 characters"),
      confirm: (v, values) => (v === values.new_password ? null : "The passwords do not match"),
    },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    onClose();
  };
  const submit = form.onSubmit(async ({ current_password, new_password }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ current_password, new_password });
      notifications.show({ color: "teal", title: "Password changed", message: "Your other sessions were signed out." });
      close();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        form.setFieldError("current_password", "The current password is not correct");
        return;
      }
      setFormError(applyApiError(form, error, ["current_password", "new_password"]));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Change password" centered>
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps("current_password")} />
          <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps("new_password")} />
          <PasswordInput label="Repeat new password" autoComplete="new-password" {...form.getInputProps("confirm")} />
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
