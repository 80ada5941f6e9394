import { Badge, Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconLifebuoy, IconPencil } from "@tabler/icons-react";
import type { ResourceRead } from "../../api/types";
import { EmptyState } from "../../lib/EmptyState";
import { ListSkeleton, PagedList } from "../../lib/PagedList";
import { useResourceList } from "./api";
import { hasResourceFilters, type ResourceFilters } from "./filters";
import { AUDIENCE_LABEL, COST_LABEL, KIND_LABEL, languageNames } from "./labels";
import { ListingDetails } from "../directory/ListingDetails";
import { ContactLinks, FormatBadge, MeetingList } from "./ResourceBits";

interface Props {
  filters: ResourceFilters;
  /** Supervisors and admins may add and edit resources; everyone else only reads. */
  onEdit: ((resource: ResourceRead) => void) | null;
  onAdd: (() => void) | null;
  onClearFilters: () => void;
}

export function ResourceList({ filters, onEdit, onAdd, onClearFilters }: Props) {
  const list = useResourceList(filters);
  const compact = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  return (
    <PagedList
      list={list}
      noun="resource"
      skeleton={<ListSkeleton label="Loading resources" rows={compact ? 4 : 6} height={compact ? 140 : 56} />}
      errorTitle="Could not load the resources"
      empty={
        hasResourceFilters(filters) ? (
          <EmptyState
            icon={IconLifebuoy}
            title="No resources match these filters"
            action={
              <Button variant="default" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          >
            Try another kind, day or format.
          </EmptyState>
        ) : (
          <EmptyState icon={IconLifebuoy} title="No resources yet" action={onAdd && <Button onClick={onAdd}>Add resource</Button>}>
            {onAdd
              ? "Add the groups and programs your clients and families go to: meetings, sober living, coaches, crisis lines."
              : "A supervisor or admin of your practice adds the groups and programs you recommend."}
          </EmptyState>
        )
      }
    >
      {(resources) =>
        compact ? (
          <ResourceCards resources={resources} onEdit={onEdit} />
        ) : (
          <ResourceTable resources={resources} onEdit={onEdit} />
        )
      }
    </PagedList>
  );
}

function NameAndKind({ resource }: { resource: ResourceRead }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="wrap">
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {resource.name}
        </Text>
        {!resource.is_active && (
          <Badge color="gray" variant="outline" size="sm" tt="none">
            Inactive
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {[KIND_LABEL[resource.kind], resource.fellowship].filter(Boolean).join(" · ")}
      </Text>
      <Text size="sm">{AUDIENCE_LABEL[resource.audience]}</Text>
    </Stack>
  );
}

function Details({ resource }: { resource: ResourceRead }) {
  const bits = [resource.cost ? COST_LABEL[resource.cost] : null, resource.languages.length ? languageNames(resource.languages) : null];
  const text = bits.filter(Boolean).join(" · ");
  return text ? (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  ) : null;
}

function EditButton({ resource, onEdit }: { resource: ResourceRead; onEdit: (resource: ResourceRead) => void }) {
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={() => onEdit(resource)}
      aria-label={`Edit ${resource.name}`}
    >
      Edit
    </Button>
  );
}

function ResourceTable({ resources, onEdit }: { resources: ResourceRead[]; onEdit: Props["onEdit"] }) {
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table striped verticalSpacing="sm" aria-label="Resources">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Resource</Table.Th>
            <Table.Th scope="col">Meets</Table.Th>
            <Table.Th scope="col">Format</Table.Th>
            <Table.Th scope="col">Where and contact</Table.Th>
            {onEdit && (
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {resources.map((resource) => (
            <Table.Tr key={resource.id} data-testid={`resource-${resource.name}`} style={{ verticalAlign: "top" }}>
              <Table.Td w="26%">
                <NameAndKind resource={resource} />
              </Table.Td>
              <Table.Td w="22%">
                <MeetingList resource={resource} />
              </Table.Td>
              <Table.Td>
                <FormatBadge format={resource.format} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <ContactLinks resource={resource} />
                  <Details resource={resource} />
                  <ListingDetails listing={resource} showLanguages={false} />
                </Stack>
              </Table.Td>
              {onEdit && (
                <Table.Td>
                  <EditButton resource={resource} onEdit={onEdit} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ResourceCards({ resources, onEdit }: { resources: ResourceRead[]; onEdit: Props["onEdit"] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Resources">
      {resources.map((resource) => (
        <Card key={resource.id} component="li" withBorder padding="sm" data-testid={`resource-${resource.name}`}>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <NameAndKind resource={resource} />
              {onEdit && <EditButton resource={resource} onEdit={onEdit} />}
            </Group>
            <Group gap="xs" align="flex-start">
              <FormatBadge format={resource.format} />
            </Group>
            <MeetingList resource={resource} />
            <ContactLinks resource={resource} />
            <Details resource={resource} />
            <ListingDetails listing={resource} showLanguages={false} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
