import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { describeError } from "../../api/problem";
import { useResetUserMfa } from "./api";

/** Admins: remove a colleague's two-step sign-in (a lost phone); the API audits it. */
export function ResetMfaButton({ userId, name }: { userId: string; name: string }) {
  const reset = useResetUserMfa();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)}>
        Reset MFA
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Reset two-step sign-in?" centered>
        <Stack>
          <Text size="sm">
            {name}&apos;s authenticator app and recovery codes will stop working. At their next sign-in they use their
            password alone, or set up a new app if the practice requires two-step sign-in.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              onClick={async () => {
                try {
                  await reset.mutateAsync(userId);
                  notifications.show({ color: "teal", title: "MFA reset", message: `${name} can set it up again.` });
                  setOpened(false);
                } catch (error) {
                  notifications.show({ color: "red", title: "Not reset", message: describeError(error) });
                }
              }}
            >
              Reset MFA
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
