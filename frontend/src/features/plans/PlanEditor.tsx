import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
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
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import type { Versioned } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { ParticipantRead, PlanRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { PLAN_CONFLICT_MESSAGE } from "../participants/SpeakingOrder";
import { planQueryOptions, useUpdatePlan } from "./api";
import { DateTimeField } from "./DateTimeField";
import {
  contributionRowOf,
  planFormFields,
  planToFormValues,
  sectionKey,
  toPlanUpdate,
  validatePlanForm,
  type PlanFormValues,
} from "./form";
import { useAllCenters } from "../centers/api";
import { LEVEL_OF_CARE_OPTIONS } from "./labels";

interface Props {
  caseId: string;
  current: Versioned<PlanRead>;
  participants: ParticipantRead[];
  /** Reports whether the form holds unsaved changes (lifecycle buttons wait for a save). */
  onDirtyChange: (dirty: boolean) => void;
}


export function PlanEditor({ caseId, current, participants, onDirtyChange }: Props) {
  const queryClient = useQueryClient();
  const update = useUpdatePlan(caseId);
  // The version the user is editing; the PATCH is conditional on it.
  const [base, setBase] = useState(current);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmApproved, setConfirmApproved] = useState(false);
  const [newSection, setNewSection] = useState("");
  const form = useForm<PlanFormValues>({
    mode: "controlled",
    initialValues: planToFormValues(current.data, participants),
    validate: validatePlanForm,
  });
  const values = form.getValues();
  const body = toPlanUpdate(planToFormValues(base.data, participants), values);
  const dirty = Object.keys(body).length > 0;
  const readOnly = base.data.status === "delivered";
  const centers = useAllCenters();
  const centerOptions = (centers.data ?? []).map((c) => ({
    value: c.id,
    label: [c.name, c.city, c.beds_available == null ? null : `${c.beds_available} beds`].filter(Boolean).join(" · "),
  }));

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const adopt = (fresh: Versioned<PlanRead>) => {
    const next = planToFormValues(fresh.data, participants);
    setBase(fresh);
    form.setInitialValues(next);
    form.setValues(next);
    form.clearErrors();
    setConflict(false);
    setFormError(null);
  };

  // A newer version saved elsewhere in the app (speaking order, lifecycle) replaces an
  // untouched form; over unsaved edits it waits, and the save reports the conflict.
  useEffect(() => {
    if (current.data.version !== base.data.version && !dirty && !conflict) adopt(current);
  }, [current]);

  // Participants added since the form opened get their contribution row.
  useEffect(() => {
    const have = new Set(form.getValues().contributions.map((c) => c.participant_id));
    for (const p of participants) {
      if (!have.has(p.id)) form.insertListItem("contributions", { participant_id: p.id, contribution: "", letter_ready: false });
    }
  }, [participants]);

  const reload = async () => {
    try {
      const fresh = await queryClient.fetchQuery({ ...planQueryOptions(caseId), staleTime: 0 });
      if (fresh) adopt(fresh);
    } catch (error) {
      setFormError(error instanceof Error ? error.message : "Could not reload the plan.");
    }
  };

  const save = async () => {
    setFormError(null);
    setConfirmApproved(false);
    if (!base.etag) {
      setConflict(true);
      return;
    }
    try {
      const saved = await update.mutateAsync({ body, etag: base.etag });
      adopt(saved);
      notifications.show({
        color: "teal",
        title: "Plan saved",
        message: base.data.status === "approved" ? "The plan is back in draft and needs approval again." : "Your changes were saved.",
      });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        setConflict(true);
        return;
      }
      if (error instanceof ApiError && error.problem.errors) {
        // Contribution errors count only the rows that were sent; point them at the form's rows.
        error.problem.errors = error.problem.errors.map((e) => {
          if (e.loc[1] !== "contributions" || typeof e.loc[2] !== "number") return e;
          const row = contributionRowOf(values, e.loc[2]);
          return row === null ? e : { ...e, loc: ["body", "contributions", row, ...e.loc.slice(3)] };
        });
      }
      setFormError(applyApiError(form, error, planFormFields(values)));
    }
  };

  const submit = form.onSubmit(() => {
    if (base.data.status === "approved") setConfirmApproved(true);
    else void save();
  });

  const participantName = new Map(participants.map((p) => [p.id, p.full_name]));

  return (
    <form onSubmit={submit} noValidate aria-label="Intervention plan">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg">
          <Block title="When and where">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateTimeField
                label="Date and time"
                placeholder="Not scheduled"
                clearable
                disabled={readOnly}
                {...form.getInputProps("scheduled_at")}
              />
              <TextInput label="Location" maxLength={300} {...form.getInputProps("location")} />
            </SimpleGrid>
            <Textarea
              label="Logistics"
              description="Who brings the client, who drives to treatment, the packed bag, children and pets on the day."
              autosize
              minRows={3}
              {...form.getInputProps("logistics")}
            />
          </Block>

          <Block title="Sections">
            {values.sections.length === 0 && (
              <Text size="sm" c="dimmed">
                This plan has no sections. Add your own below.
              </Text>
            )}
            {values.sections.map((section, i) => (
              <Paper key={section.key} withBorder p="md" component="section" aria-labelledby={`section-${section.key}`}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Title order={3} size="h5" id={`section-${section.key}`}>
                      {section.title}
                    </Title>
                    {!section.guidance && !readOnly && (
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={`Remove section ${section.title}`}
                        onClick={() => form.removeListItem("sections", i)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                  {section.guidance && (
                    <Text size="sm" c="dimmed" id={`guidance-${section.key}`}>
                      {section.guidance}
                    </Text>
                  )}
                  <Textarea
                    aria-label={section.title}
                    aria-describedby={section.guidance ? `guidance-${section.key}` : undefined}
                    placeholder="Write this part of the plan"
                    autosize
                    minRows={3}
                    {...form.getInputProps(`sections.${i}.content`)}
                  />
                </Stack>
              </Paper>
            ))}
            {!readOnly && (
              <Group align="flex-end" gap="xs" wrap="wrap">
                <TextInput
                  label="New section"
                  placeholder="Title"
                  value={newSection}
                  onChange={(event) => setNewSection(event.currentTarget.value)}
                  maxLength={200}
                  style={{ flex: 1, minWidth: 180 }}
                />
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  disabled={!newSection.trim()}
                  onClick={() => {
                    const title = newSection.trim();
                    const key = sectionKey(title, values.sections.map((s) => s.key));
                    form.insertListItem("sections", { key, title, guidance: null, content: "" });
                    setNewSection("");
                  }}
                >
                  Add section
                </Button>
              </Group>
            )}
          </Block>

          <Block title="Treatment options" error={form.errors.treatment_options}>
            {values.treatment_options.length === 0 && (
              <Text size="sm" c="dimmed">
                No treatment arranged yet.
              </Text>
            )}
            {values.treatment_options.map((option, i) => (
              <Paper key={i} withBorder p="md" aria-label={`Treatment option ${i + 1}`} component="fieldset" style={{ minWidth: 0 }}>
                <Stack gap="xs">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label="Directory center"
                      placeholder={centerOptions.length ? "Not in the directory" : "The directory is empty"}
                      description="Linking the center lets a referral go to it later."
                      searchable
                      clearable
                      data={centerOptions}
                      value={option.treatment_center_id}
                      onChange={(centerId) => {
                        form.setFieldValue(`treatment_options.${i}.treatment_center_id`, centerId);
                        const center = centers.data?.find((c) => c.id === centerId);
                        if (center && !option.name.trim()) form.setFieldValue(`treatment_options.${i}.name`, center.name);
                      }}
                    />
                    <TextInput label="Program" withAsterisk maxLength={200} {...form.getInputProps(`treatment_options.${i}.name`)} />
                    <Select
                      label="Level of care"
                      withAsterisk
                      placeholder="ASAM level"
                      data={LEVEL_OF_CARE_OPTIONS}
                      {...form.getInputProps(`treatment_options.${i}.level_of_care`)}
                    />
                    <DateTimeField
                      label="Bed held until"
                      placeholder="No bed hold"
                      clearable
                      disabled={readOnly}
                      {...form.getInputProps(`treatment_options.${i}.bed_hold_until`)}
                    />
                  </SimpleGrid>
                  <Group justify="space-between">
                    <Checkbox
                      label="Primary option"
                      checked={option.is_primary}
                      onChange={(event) => {
                        const checked = event.currentTarget.checked;
                        form.setFieldValue(
                          "treatment_options",
                          values.treatment_options.map((t, j) => ({ ...t, is_primary: j === i ? checked : checked ? false : t.is_primary })),
                        );
                      }}
                    />
                    {!readOnly && (
                      <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => form.removeListItem("treatment_options", i)}>
                        Remove option
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Paper>
            ))}
            {!readOnly && (
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() =>
                  form.insertListItem("treatment_options", {
                    treatment_center_id: null,
                    name: "",
                    level_of_care: null,
                    bed_hold_until: null,
                    is_primary: values.treatment_options.length === 0,
                  })
                }
                style={{ alignSelf: "flex-start" }}
              >
                Add treatment option
              </Button>
            )}
          </Block>

          <Block title="Contingencies">
            {values.contingencies.length === 0 && (
              <Text size="sm" c="dimmed">
                No contingencies yet: what if the client leaves, gets angry, or agrees only to something else?
              </Text>
            )}
            {values.contingencies.map((_, i) => (
              <Paper key={i} withBorder p="md" component="fieldset" aria-label={`Contingency ${i + 1}`} style={{ minWidth: 0 }}>
                <Stack gap="xs">
                  <Textarea label="If…" withAsterisk autosize minRows={1} maxLength={500} {...form.getInputProps(`contingencies.${i}.scenario`)} />
                  <Textarea label="Then…" withAsterisk autosize minRows={2} maxLength={2000} {...form.getInputProps(`contingencies.${i}.response`)} />
                  {!readOnly && (
                    <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => form.removeListItem("contingencies", i)} style={{ alignSelf: "flex-end" }}>
                      Remove contingency
                    </Button>
                  )}
                </Stack>
              </Paper>
            ))}
            {!readOnly && (
              <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem("contingencies", { scenario: "", response: "" })} style={{ alignSelf: "flex-start" }}>
                Add contingency
              </Button>
            )}
          </Block>

          <Block title="Rehearsals">
            {values.rehearsals.length === 0 && (
              <Text size="sm" c="dimmed">
                No rehearsals planned.
              </Text>
            )}
            {values.rehearsals.map((_, i) => (
              <Group key={i} align="flex-end" gap="sm" wrap="wrap">
                <DateTimeField
                  label={`Rehearsal ${i + 1}: date and time`}
                  description="Pick the day, then the time, then confirm; on the practice's clock."
                  placeholder="Pick a date and time"
                  withAsterisk
                  disabled={readOnly}
                  style={{ flex: 1, minWidth: 200 }}
                  {...form.getInputProps(`rehearsals.${i}.scheduled_at`)}
                />
                <Checkbox label="Completed" mb={8} {...form.getInputProps(`rehearsals.${i}.completed`, { type: "checkbox" })} />
                {!readOnly && (
                  <ActionIcon variant="subtle" color="red.9" mb={4} aria-label={`Remove rehearsal ${i + 1}`} onClick={() => form.removeListItem("rehearsals", i)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {!readOnly && (
              <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem("rehearsals", { scheduled_at: null, completed: false })} style={{ alignSelf: "flex-start" }}>
                Add rehearsal
              </Button>
            )}
          </Block>

          <Block title="Contributions">
            {values.contributions.length === 0 ? (
              <Text size="sm" c="dimmed">
                Add participants on the Participants tab to record what each one contributes.
              </Text>
            ) : (
              values.contributions.map((c, i) =>
                participantName.has(c.participant_id) ? (
                  <Paper key={c.participant_id} withBorder p="md" component="fieldset" aria-label={`Contribution of ${participantName.get(c.participant_id)}`} style={{ minWidth: 0 }}>
                    <Stack gap="xs">
                      <Textarea
                        label={participantName.get(c.participant_id)}
                        description="What this person contributes: their part on the day, after, and in recovery."
                        autosize
                        minRows={2}
                        maxLength={5000}
                        {...form.getInputProps(`contributions.${i}.contribution`)}
                      />
                      <Checkbox label="Letter ready" {...form.getInputProps(`contributions.${i}.letter_ready`, { type: "checkbox" })} />
                    </Stack>
                  </Paper>
                ) : null,
              )
            )}
          </Block>

          <Block title="Notes">
            <Textarea aria-label="Notes" autosize minRows={3} {...form.getInputProps("notes")} />
          </Block>
        </Stack>
      </fieldset>

      {!readOnly && (
        <Paper
          withBorder
          shadow="sm"
          p="sm"
          mt="lg"
          style={{ position: "sticky", bottom: 8, zIndex: 5 }}
          className="plan-save-bar"
        >
          <Stack gap="xs">
            {conflict && (
              <ConflictAlert title="Not saved" onReload={reload}>
                <span>{PLAN_CONFLICT_MESSAGE}</span>
                <Text size="sm">Your edits stay on screen until you reload.</Text>
              </ConflictAlert>
            )}
            {formError && (
              <Alert color="red" title="The plan was not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
                {formError}
              </Alert>
            )}
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" c={dirty ? "dark" : "dimmed"} fw={dirty ? 600 : undefined} aria-live="polite">
                {dirty ? "Unsaved changes" : "All changes saved"}
                {dirty && base.data.status === "approved" ? " · saving returns the plan to draft" : ""}
              </Text>
              <Group gap="xs">
                {dirty && (
                  <Button variant="default" onClick={() => adopt(base)}>
                    Discard changes
                  </Button>
                )}
                <Button type="submit" loading={update.isPending} disabled={!dirty || conflict}>
                  Save plan
                </Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      )}

      <Modal opened={confirmApproved} onClose={() => setConfirmApproved(false)} title="Return the plan to draft?" centered>
        <Stack>
          <Text size="sm">
            This plan is approved. Saving changes clears the approval: the plan goes back to draft and has to be
            submitted and approved again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmApproved(false)}>
              Cancel
            </Button>
            <Button color="red.9" onClick={() => void save()} loading={update.isPending}>
              Save and return to draft
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

function Block({ title, error, children }: { title: string; error?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
        {children}
      </Stack>
    </Card>
  );
}
