import { Alert, Badge, Button, Center, Group, Modal, Select, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { StaffRole, UserRead } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { ListSkeleton } from "../../lib/PagedList";
import { options } from "../cases/labels";
import { ResetMfaButton } from "../mfa/ResetMfaButton";
import { useUpdateUser, useUserList, type UserFilters } from "./api";
import { ROLE_LABEL, ROLE_ORDER } from "./labels";

export function UserList({ filters, currentUserId }: { filters: UserFilters; currentUserId: string }) {
  const list = useUserList(filters);
  const update = useUpdateUser();
  const [confirming, setConfirming] = useState<UserRead | null>(null);

  const change = async (user: UserRead, body: { role?: StaffRole; is_active?: boolean }, done: string) => {
    try {
      await update.mutateAsync({ user, body });
      notifications.show({ color: "teal", title: "Saved", message: done });
      return true;
    } catch (error) {
      notifications.show({ color: "red", title: "Not saved", message: describeError(error) });
      return false;
    }
  };

  if (list.isPending) {
    return <ListSkeleton label="Loading users" rows={4} height={40} />;
  }
  if (list.isError) {
    return (
      <Alert color="red" title="Could not load users" role="alert">
        {describeError(list.error)}
      </Alert>
    );
  }
  const users = list.data.pages.flatMap((page) => page.items);
  if (!users.length) return <Text c="dimmed">No users match.</Text>;

  return (
    <Stack>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing="sm" striped aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Email</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Added</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => {
              const self = user.id === currentUserId;
              return (
                <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <Table.Td fw={500}>
                    {user.full_name}
                    {self && (
                      <Text span c="dimmed" size="sm">
                        {" "}
                        (you)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${user.full_name}`}
                      data={options(ROLE_LABEL, ROLE_ORDER)}
                      value={user.role}
                      allowDeselect={false}
                      disabled={self || update.isPending}
                      onChange={(value) => {
                        if (value && value !== user.role)
                          void change(user, { role: value as StaffRole }, `${user.full_name} is now ${ROLE_LABEL[value as StaffRole]}.`);
                      }}
                      w={170}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    {user.is_active ? (
                      <Badge color="teal" variant="dot">
                        Active
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="dot">
                        Deactivated
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(user.created_at)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <ResetMfaButton userId={user.id} name={user.full_name} />
                      {!self &&
                        (user.is_active ? (
                          <Button size="xs" variant="default" color="red" onClick={() => setConfirming(user)}>
                            Deactivate
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="default"
                            loading={update.isPending && update.variables?.user.id === user.id}
                            onClick={() => void change(user, { is_active: true }, `${user.full_name} can sign in again.`)}
                          >
                            Reactivate
                          </Button>
                        ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Deactivate user?" centered>
        {confirming && (
          <Stack>
            <Text size="sm">
              {confirming.full_name} will be signed out and can no longer sign in. Their cases and history stay as
              they are. You can reactivate them later.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={update.isPending}
                onClick={async () => {
                  if (await change(confirming, { is_active: false }, `${confirming.full_name} was deactivated.`))
                    setConfirming(null);
                }}
              >
                Deactivate
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
