import { Button, Group, Stack, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { CaseFilterBar } from "../features/cases/CaseFilterBar";
import { CaseList } from "../features/cases/CaseList";
import { CreateCaseModal } from "../features/cases/CreateCaseModal";
import { updateFilters, type CaseFilters } from "../features/cases/filters";

const route = getRouteApi("/app/cases");

export function CasesPage() {
  useDocumentTitle("Caseload · Cairn");
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const [creating, create] = useDisclosure(false);

  const setFilters = (change: Partial<CaseFilters>) =>
    void navigate({ search: (prev) => updateFilters(prev, change), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          Caseload
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
          New case
        </Button>
      </Group>
      <CaseFilterBar filters={filters} onChange={setFilters} onReset={clearFilters} />
      <CaseList filters={filters} onClearFilters={clearFilters} onNewCase={create.open} />
      <CreateCaseModal opened={creating} onClose={create.close} />
    </Stack>
  );
}
