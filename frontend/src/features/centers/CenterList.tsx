import { Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconBuildingHospital, IconKey, IconPencil } from "@tabler/icons-react";
import { EmptyState } from "../../lib/EmptyState";
import { ButtonLink } from "../../lib/links";
import { ListSkeleton, PagedList } from "../../lib/PagedList";
import type { TreatmentCenterRead } from "../../api/types";
import { useCenterList } from "./api";
import { BedStatus, Contact, LevelsOfCare, PartnerBadge, Services, WhoTheyServe } from "./CenterBits";
import { hasCenterFilters, type CenterFilters } from "./filters";
import { placeOf } from "./labels";

interface Props {
  filters: CenterFilters;
  /** Admins may add and edit centers; everyone else only reads. */
  onEdit: ((center: TreatmentCenterRead) => void) | null;
  onAdd: (() => void) | null;
  onClearFilters: () => void;
}

export function CenterList({ filters, onEdit, onAdd, onClearFilters }: Props) {
  const list = useCenterList(filters);
  const compact = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  return (
    <PagedList
      list={list}
      noun="center"
      skeleton={<ListSkeleton label="Loading treatment centers" rows={compact ? 4 : 6} height={compact ? 140 : 56} />}
      errorTitle="Could not load the treatment centers"
      empty={
        hasCenterFilters(filters) ? (
          <EmptyState
            icon={IconBuildingHospital}
            title="No centers match these filters"
            action={
              <Button variant="default" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          >
            Try another level of care or service, or include centers without open beds.
          </EmptyState>
        ) : (
          <EmptyState icon={IconBuildingHospital} title="No treatment centers yet" action={onAdd && <Button onClick={onAdd}>Add center</Button>}>
            {onAdd
              ? "Add the programs you refer to: their levels of care, services and beds."
              : "An admin of your practice adds the programs you refer to."}
          </EmptyState>
        )
      }
    >
      {(centers) =>
        compact ? <CenterCards centers={centers} onEdit={onEdit} /> : <CenterTable centers={centers} onEdit={onEdit} />
      }
    </PagedList>
  );
}

function NameAndPlace({ center }: { center: TreatmentCenterRead }) {
  const place = placeOf(center);
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="wrap">
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {center.name}
        </Text>
        {center.is_partner && <PartnerBadge />}
      </Group>
      {place && (
        <Text size="sm" c="dimmed">
          {place}
        </Text>
      )}
      <Contact center={center} />
    </Stack>
  );
}

/** The admin's actions on a center: edit it, or manage its partner API access. */
function AdminActions({ center, onEdit }: { center: TreatmentCenterRead; onEdit: (center: TreatmentCenterRead) => void }) {
  return (
    <Stack gap={6} align="stretch">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={() => onEdit(center)}
        aria-label={`Edit ${center.name}`}
      >
        Edit
      </Button>
      <ButtonLink
        to="/partner-access"
        search={{ center: center.id }}
        size="xs"
        variant="subtle"
        leftSection={<IconKey size={14} aria-hidden />}
        aria-label={`API access of ${center.name}`}
      >
        API access
      </ButtonLink>
    </Stack>
  );
}

function CenterTable({ centers, onEdit }: { centers: TreatmentCenterRead[]; onEdit: Props["onEdit"] }) {
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table striped verticalSpacing="sm" aria-label="Treatment centers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Center</Table.Th>
            <Table.Th scope="col">Beds</Table.Th>
            <Table.Th scope="col">Levels of care (ASAM)</Table.Th>
            <Table.Th scope="col">Services</Table.Th>
            <Table.Th scope="col">Populations and insurance</Table.Th>
            {onEdit && (
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {centers.map((center) => (
            <Table.Tr key={center.id} data-testid={`center-${center.name}`} style={{ verticalAlign: "top" }}>
              <Table.Td w="24%">
                <NameAndPlace center={center} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <BedStatus center={center} />
              </Table.Td>
              <Table.Td w="24%">
                <LevelsOfCare levels={center.levels_of_care} />
              </Table.Td>
              <Table.Td w="18%">
                <Services services={center.services} />
              </Table.Td>
              <Table.Td>
                <WhoTheyServe center={center} />
              </Table.Td>
              {onEdit && (
                <Table.Td>
                  <AdminActions center={center} onEdit={onEdit} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CenterCards({ centers, onEdit }: { centers: TreatmentCenterRead[]; onEdit: Props["onEdit"] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Treatment centers">
      {centers.map((center) => (
        <Card key={center.id} component="li" withBorder padding="sm" data-testid={`center-${center.name}`}>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <NameAndPlace center={center} />
              {onEdit && <AdminActions center={center} onEdit={onEdit} />}
            </Group>
            <BedStatus center={center} size="md" />
            <LevelsOfCare levels={center.levels_of_care} />
            {center.services.length > 0 && <Services services={center.services} />}
            <WhoTheyServe center={center} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
