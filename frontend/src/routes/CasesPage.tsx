import { lazy, Suspense, useState } from "react";
import { Button, Group, Stack, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { CaseFilterBar } from "../features/cases/CaseFilterBar";
import { CaseList } from "../features/cases/CaseList";
import { updateFilters, type CaseFilters } from "../features/cases/filters";

const route = getRouteApi("/app/cases");

// The new-case form (and its date and tag inputs) loads when first wanted, not with the
// caseload every visit opens (issue 15's budget for the first load); pointing at the
// button starts the download.
const loadCreateCaseModal = () => import("../features/cases/CreateCaseModal");
const CreateCaseModal = lazy(() => loadCreateCaseModal().then((module) => ({ default: module.CreateCaseModal })));

export function CasesPage() {
  useDocumentTitle("Caseload · Cairn");
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const [creating, create] = useDisclosure(false);
  // Mounted from the first opening on, so closing animates and the form behaves as before.
  const [formLoaded, setFormLoaded] = useState(false);
  const openForm = () => {
    setFormLoaded(true);
    create.open();
  };

  const setFilters = (change: Partial<CaseFilters>) =>
    void navigate({ search: (prev) => updateFilters(prev, change), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          Caseload
        </Title>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={openForm}
          onPointerEnter={() => void loadCreateCaseModal()}
          onFocus={() => void loadCreateCaseModal()}
        >
          New case
        </Button>
      </Group>
      <CaseFilterBar filters={filters} onChange={setFilters} onReset={clearFilters} />
      <CaseList filters={filters} onClearFilters={clearFilters} onNewCase={openForm} />
      {formLoaded && (
        <Suspense fallback={null}>
          <CreateCaseModal opened={creating} onClose={create.close} />
        </Suspense>
      )}
    </Stack>
  );
}
