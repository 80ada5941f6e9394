import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import type { StaffRole, UserCreate } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { options } from "../cases/labels";
import { useCreateUser } from "./api";
import { ROLE_LABEL, ROLE_ORDER } from "./labels";

const FIELDS = ["email", "full_name", "role", "password"] as const;

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; full_name: string; role: StaffRole; password: string }>({
    mode: "controlled",
    initialValues: { email: "", full_name: "", role: "interventionist", password: "" },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : "Enter a valid email address"),
      full_name: (v) => (v.trim() ? null : "Enter the person's name"),
      password: (v) => (v.length >= 8 ? null : "Use at least 8 characters"),
    },
  });
  const close = () => {
    form.reset();
    setFormError(null);
    keys.current.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body: UserCreate = { ...values, email: values.email.trim(), full_name: values.full_name.trim() };
    try {
      const user = await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
      notifications.show({ color: "teal", title: "User created", message: `${user.full_name} can now sign in.` });
      close();
    } catch (error) {
      setFormError(applyApiError(form, error, FIELDS));
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="New user" centered>
      <form onSubmit={submit} noValidate aria-label="New user">
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="The user was not created">
              {formError}
            </Alert>
          )}
          <TextInput label="Full name" withAsterisk autoComplete="off" {...form.getInputProps("full_name")} />
          <TextInput label="Email" type="email" withAsterisk autoComplete="off" {...form.getInputProps("email")} />
          <Select
            label="Role"
            withAsterisk
            allowDeselect={false}
            data={options(ROLE_LABEL, ROLE_ORDER)}
            {...form.getInputProps("role")}
          />
          <PasswordInput
            label="Initial password"
            description="Share it with the person securely; they can change it after signing in."
            withAsterisk
            autoComplete="new-password"
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
