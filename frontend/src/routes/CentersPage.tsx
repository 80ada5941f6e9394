import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import type { TreatmentCenterRead } from "../api/types";
import { isAdmin, useMe } from "../features/auth/api";
import { CenterFilterBar } from "../features/centers/CenterFilterBar";
import { CenterFormModal } from "../features/centers/CenterFormModal";
import { CenterList } from "../features/centers/CenterList";
import { updateCenterFilters, type CenterFilters } from "../features/centers/filters";

const route = getRouteApi("/app/centers");

export function CentersPage() {
  useDocumentTitle("Treatment centers · Cairn");
  const admin = isAdmin(useMe());
  // Validated by the route (parseCenterFilters): stale or hand-typed URLs arrive clean.
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const [editing, setEditing] = useState<TreatmentCenterRead | "new" | null>(null);

  const go = (next: CenterFilters) => void navigate({ search: next, replace: true });
  const setFilters = (change: Partial<CenterFilters>) => go(updateCenterFilters(filters, change));
  const clearFilters = () => go({});

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            Treatment centers
          </Title>
          <Text size="sm" c="dimmed">
            Programs you refer to, with their levels of care and open beds.
          </Text>
        </div>
        {admin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")}>
            Add center
          </Button>
        )}
      </Group>
      <CenterFilterBar filters={filters} onChange={setFilters} onReset={clearFilters} />
      <CenterList
        filters={filters}
        onEdit={admin ? setEditing : null}
        onAdd={admin ? () => setEditing("new") : null}
        onClearFilters={clearFilters}
      />
      {editing && (
        <CenterFormModal
          key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
          center={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
