import { Button, Group, Select, Stack, TextInput, Title } from "@mantine/core";
import { useDebouncedValue, useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { StaffRole } from "../api/types";
import { useMe } from "../features/auth/api";
import { options } from "../features/cases/labels";
import { CreateUserModal } from "../features/users/CreateUserModal";
import { UserList } from "../features/users/UserList";
import { ROLE_LABEL, ROLE_ORDER } from "../features/users/labels";

export function UsersPage() {
  useDocumentTitle("Users · Cairn");
  const me = useMe();
  const [creating, create] = useDisclosure(false);
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<StaffRole | null>(null);
  const [q] = useDebouncedValue(search.trim(), 300);
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          Users
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
          New user
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Name or email"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: "1 1 16rem" }}
        />
        <Select
          label="Role"
          placeholder="Any role"
          clearable
          data={options(ROLE_LABEL, ROLE_ORDER)}
          value={role}
          onChange={(value) => setRole(value as StaffRole | null)}
          w={{ base: "100%", xs: 200 }}
        />
      </Group>
      <UserList filters={{ ...(q ? { q } : {}), ...(role ? { role } : {}) }} currentUserId={me.id} />
      <CreateUserModal opened={creating} onClose={create.close} />
    </Stack>
  );
}
