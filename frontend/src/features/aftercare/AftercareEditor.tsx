import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { api, unwrap, type Versioned } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { AftercareRead, LevelOfCare, MedicationKind, ParticipantRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { isoToZonedInput, zonedInputToIso } from "../../lib/format";
import { describeError } from "../../api/problem";
import { useAllCenters } from "../centers/api";
import { DateTimeField } from "../plans/DateTimeField";
import { LEVEL_OF_CARE_OPTIONS } from "../plans/labels";
import { aftercareQueryOptions, useSaveAftercare } from "./api";
import { aftercareToFormValues, formPathOf, isDirty, toAftercareUpdate, type AftercareFormValues } from "./form";
import { ResourcePicker } from "./ResourcePicker";

const MEDICATIONS: { value: MedicationKind; label: string }[] = [
  { value: "none", label: "None" },
  { value: "buprenorphine", label: "Buprenorphine" },
  { value: "methadone", label: "Methadone" },
  { value: "naltrexone", label: "Naltrexone" },
  { value: "acamprosate", label: "Acamprosate" },
  { value: "disulfiram", label: "Disulfiram" },
  { value: "other", label: "Other" },
];

export const AFTERCARE_CONFLICT_MESSAGE =
  "Someone else saved the aftercare plan (or recorded a follow-up) since you opened it, so your changes were not saved.";

interface Props {
  caseId: string;
  current: Versioned<AftercareRead>;
  participants: ParticipantRead[];
}

/** Every section of the plan, saved together with If-Match; a conflict never loses typed text. */
export function AftercareEditor({ caseId, current, participants }: Props) {
  const queryClient = useQueryClient();
  const save = useSaveAftercare(caseId);
  const [base, setBase] = useState(current);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AftercareFormValues>({
    mode: "controlled",
    initialValues: aftercareToFormValues(current.data, participants),
  });
  const values = form.getValues();
  const dirty = isDirty(aftercareToFormValues(base.data, participants), values);
  const centers = useAllCenters();
  const centerOptions = (centers.data ?? []).map((c) => ({ value: c.id, label: [c.name, c.city].filter(Boolean).join(" · ") }));
  const familyResources = useQuery({
    queryKey: ["resources", "family-options"],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/resources", { params: { query: { audience: "family", limit: 200 } }, signal })),
  });
  const familyOptions = (familyResources.data?.items ?? []).map((r) => ({
    value: r.id,
    label: [r.name, r.fellowship].filter(Boolean).join(" · ") + (r.is_active ? "" : " (inactive)"),
  }));
  const people = [{ value: "client", label: "The client" }, ...participants.map((p) => ({ value: p.id, label: p.full_name }))];

  const adopt = (fresh: Versioned<AftercareRead>) => {
    const next = aftercareToFormValues(fresh.data, participants);
    setBase(fresh);
    form.setInitialValues(next);
    form.setValues(next);
    form.clearErrors();
    setConflict(false);
    setFormError(null);
  };

  // A newer version (a follow-up recorded) replaces an untouched form; over edits it waits.
  useEffect(() => {
    if (current.data.version !== base.data.version && !dirty && !conflict) adopt(current);
  }, [current]);

  const reload = async () => {
    try {
      const fresh = await queryClient.fetchQuery({ ...aftercareQueryOptions(caseId), staleTime: 0 });
      if (fresh) adopt(fresh);
    } catch (error) {
      setFormError(describeError(error));
    }
  };

  const submit = form.onSubmit(async () => {
    setFormError(null);
    if (!base.etag) {
      setConflict(true);
      return;
    }
    try {
      const saved = await save.mutateAsync({ body: toAftercareUpdate(values), etag: base.etag });
      adopt(saved);
      notifications.show({ color: "teal", title: "Aftercare plan saved", message: "Your changes were saved." });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        setConflict(true);
        return;
      }
      if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length) {
        const unmatched: string[] = [];
        const errors: Record<string, string> = {};
        for (const e of error.problem.errors) {
          const path = formPathOf(e.loc);
          if (path) errors[path] = e.msg;
          else unmatched.push(`${e.loc.slice(1).join(" › ")}: ${e.msg}`);
        }
        form.setErrors(errors);
        setFormError(unmatched.length ? unmatched.join("\n") : "Some fields need attention: see the marked fields.");
        return;
      }
      setFormError(describeError(error));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Aftercare plan">
      <Stack gap="lg">
        <Block title="Relapse prevention" description="One item per line. The client sees coping strategies and warning signs in the portal.">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label="Triggers" autosize minRows={3} {...form.getInputProps("triggers")} />
            <Textarea label="Warning signs" autosize minRows={3} {...form.getInputProps("warning_signs")} />
            <Textarea label="High-risk situations" autosize minRows={3} {...form.getInputProps("high_risk_situations")} />
            <Textarea label="Coping strategies" autosize minRows={3} {...form.getInputProps("coping_strategies")} />
          </SimpleGrid>
        </Block>

        <Block title="Emergency contacts">
          {values.emergency_contacts.map((_, i) => (
            <Paper key={i} withBorder p="sm" component="fieldset" aria-label={`Emergency contact ${i + 1}`} style={{ minWidth: 0 }}>
              <Group align="flex-end" wrap="wrap" gap="xs">
                <TextInput label="Name" style={{ flex: 2, minWidth: 160 }} maxLength={200} {...form.getInputProps(`emergency_contacts.${i}.name`)} />
                <TextInput label="Relationship" style={{ flex: 1, minWidth: 120 }} maxLength={100} {...form.getInputProps(`emergency_contacts.${i}.relationship`)} />
                <TextInput label="Phone" type="tel" style={{ flex: 1, minWidth: 150 }} {...form.getInputProps(`emergency_contacts.${i}.phone`)} />
                <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={`Remove emergency contact ${i + 1}`} onClick={() => form.removeListItem("emergency_contacts", i)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => form.insertListItem("emergency_contacts", { name: "", relationship: "", phone: "", participant_id: null })}
            style={{ alignSelf: "flex-start" }}
          >
            Add a contact
          </Button>
        </Block>

        <Block title="Resources chosen from the directory" description="Groups, programs and lines for the client or a family member; each sees their own in the portal.">
          {values.resources.length === 0 && (
            <Text size="sm" c="dimmed">
              None chosen yet.
            </Text>
          )}
          {values.resources.map((r, i) => (
            <Paper key={`${r.resource_id}-${i}`} withBorder p="sm" aria-label={r.resource_name} component="fieldset" style={{ minWidth: 0 }}>
              <Group align="flex-end" wrap="wrap" gap="xs">
                <Text fw={600} style={{ flex: 2, minWidth: 160 }}>
                  {r.resource_name}
                </Text>
                <Select label="For" data={people} allowDeselect={false} style={{ flex: 1, minWidth: 150 }} {...form.getInputProps(`resources.${i}.for`)} />
                <TextInput label="Note" style={{ flex: 2, minWidth: 160 }} maxLength={2000} {...form.getInputProps(`resources.${i}.note`)} />
                <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={`Remove ${r.resource_name}`} onClick={() => form.removeListItem("resources", i)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <ResourcePicker
            label="Add a resource"
            description="Search by name, fellowship (AA, Al-Anon, SMART…) or city."
            onPick={(id, name) => form.insertListItem("resources", { resource_id: id, resource_name: name, for: "client", note: "" })}
          />
        </Block>

        <Block title="Continuing care">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Sober living" placeholder="House name" maxLength={200} {...form.getInputProps("sober_living_name")} />
            <ResourcePicker
              label="Sober living from the directory"
              description={
                form.values.sober_living_resource_id
                  ? `Linked to the directory entry ${form.values.sober_living_name || "chosen before"}; pick another to change it.`
                  : "Optional: link the house to its directory entry."
              }
              onPick={(id, name) => {
                form.setFieldValue("sober_living_resource_id", id);
                form.setFieldValue("sober_living_name", name);
              }}
            />
            <TextInput label="Move-in date" type="date" {...form.getInputProps("sober_living_move_in")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label="Outpatient center" data={centerOptions} searchable clearable {...form.getInputProps("outpatient_center_id")} />
            <TextInput label="Outpatient program" maxLength={200} {...form.getInputProps("outpatient_name")} />
            <Select
              label="Level of care"
              data={LEVEL_OF_CARE_OPTIONS}
              clearable
              {...form.getInputProps("outpatient_level")}
              onChange={(value) => form.setFieldValue("outpatient_level", value as LevelOfCare | null)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Medication (MOUD/MAUD)"
              data={MEDICATIONS}
              clearable
              {...form.getInputProps("medication_kind")}
              onChange={(value) => form.setFieldValue("medication_kind", value as MedicationKind | null)}
            />
            <TextInput label="Prescriber" maxLength={200} {...form.getInputProps("medication_prescriber")} />
            <TextInput label="Medication notes" maxLength={2000} {...form.getInputProps("medication_notes")} />
          </SimpleGrid>
        </Block>

        <Block title="Family support" description="Each family member's own support and commitment: the family heals too. Each sees only their own.">
          {participants.length === 0 && (
            <Text size="sm" c="dimmed">
              Add participants to the case to record their support.
            </Text>
          )}
          {values.family_support.map((row, i) => (
            <Paper key={row.participant_id} withBorder p="sm" component="fieldset" aria-label={`Support for ${participants[i]?.full_name ?? ""}`} style={{ minWidth: 0 }}>
              <Stack gap="xs">
                <Text fw={600}>{participants.find((p) => p.id === row.participant_id)?.full_name}</Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Textarea label="Commitment" autosize minRows={2} maxLength={5000} {...form.getInputProps(`family_support.${i}.commitment`)} />
                  <Select label="Their support group" data={familyOptions} searchable clearable {...form.getInputProps(`family_support.${i}.resource_id`)} />
                </SimpleGrid>
              </Stack>
            </Paper>
          ))}
        </Block>

        <Block title="Escalation agreement" description="Agreed in advance: what counts as a relapse, and what happens then.">
          <Textarea label="What counts as a relapse" autosize minRows={2} maxLength={2000} {...form.getInputProps("relapse_definition")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Next level of care"
              data={LEVEL_OF_CARE_OPTIONS}
              clearable
              {...form.getInputProps("next_level_of_care")}
              onChange={(value) => form.setFieldValue("next_level_of_care", value as LevelOfCare | null)}
            />
            <Select label="Treatment center" data={centerOptions} searchable clearable {...form.getInputProps("escalation_center_id")} />
          </SimpleGrid>
          <Textarea label="Who calls whom" autosize minRows={2} maxLength={2000} {...form.getInputProps("who_calls")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect label="Agreed by" data={people} {...form.getInputProps("agreed_by")} />
            <DateTimeField
              label="Agreed on"
              clearable
              // Read and written on the practice's clock, as every other date and time is.
              value={values.agreed_at ? isoToZonedInput(values.agreed_at) : null}
              onChange={(value) => form.setFieldValue("agreed_at", value ? zonedInputToIso(String(value)) : null)}
              error={form.errors.agreed_at}
            />
          </SimpleGrid>
        </Block>

        <Block title="Notes for the team" description="Never shown in the portal or on printed copies.">
          <Textarea aria-label="Notes for the team" autosize minRows={2} {...form.getInputProps("notes")} />
        </Block>
      </Stack>

      <Paper withBorder shadow="sm" p="sm" mt="lg" style={{ position: "sticky", bottom: 8, zIndex: 5 }}>
        <Stack gap="xs">
          {conflict && (
            <ConflictAlert title="Not saved" onReload={reload}>
              <span>{AFTERCARE_CONFLICT_MESSAGE}</span>
              <Text size="sm">Your edits stay on screen until you reload; copy anything you want to keep first.</Text>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="The aftercare plan was not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" c={dirty ? "dark" : "dimmed"} fw={dirty ? 600 : undefined} aria-live="polite">
              {dirty ? "Unsaved changes" : "All changes saved"}
            </Text>
            <Group gap="xs">
              {dirty && (
                <Button variant="default" onClick={() => adopt(base)}>
                  Discard changes
                </Button>
              )}
              <Button type="submit" loading={save.isPending} disabled={!dirty || conflict}>
                Save aftercare plan
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

function Block({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Card>
  );
}
