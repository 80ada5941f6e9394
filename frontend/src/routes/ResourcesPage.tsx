import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import type { ResourceRead } from "../api/types";
import { staffRole, useMe } from "../features/auth/api";
import { updateResourceFilters, type ResourceFilters } from "../features/resources/filters";
import { ResourceFilterBar } from "../features/resources/ResourceFilterBar";
import { ResourceFormModal } from "../features/resources/ResourceFormModal";
import { ResourceList } from "../features/resources/ResourceList";

const route = getRouteApi("/app/resources");

export function ResourcesPage() {
  useDocumentTitle("Resources · Cairn");
  const me = useMe();
  const role = staffRole(me);
  // Supervisors and admins keep the directory (the API answers 403 to anyone else).
  const editor = role === "admin" || role === "supervisor";
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const [editing, setEditing] = useState<ResourceRead | "new" | null>(null);

  const go = (next: ResourceFilters) => void navigate({ search: next, replace: true });
  const setFilters = (change: Partial<ResourceFilters>) => go(updateResourceFilters(filters, change));
  const clearFilters = () => go({});

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            Resources
          </Title>
          <Text size="sm" c="dimmed">
            Groups and programs for continued support, for clients and for families. Meeting times are in each
            resource's own time zone.
          </Text>
        </div>
        {editor && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")}>
            Add resource
          </Button>
        )}
      </Group>
      <ResourceFilterBar filters={filters} onChange={setFilters} onReset={clearFilters} />
      <ResourceList
        filters={filters}
        onEdit={editor ? setEditing : null}
        onAdd={editor ? () => setEditing("new") : null}
        onClearFilters={clearFilters}
      />
      {editing && (
        <ResourceFormModal
          key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
          resource={editing === "new" ? undefined : editing}
          practiceTimeZone={me.organization.time_zone}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
