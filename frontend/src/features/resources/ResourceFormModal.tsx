import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { ResourceRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { knownTimeZones } from "../../lib/format";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { options } from "../cases/labels";
import { ListingFields } from "../directory/ListingFields";
import { fetchResource, useCreateResource, useUpdateResource } from "./api";
import {
  RESOURCE_FORM_FIELDS,
  emptyResourceForm,
  resourceToFormValues,
  toCreateBody,
  toUpdateBody,
  validateResourceForm,
  type ResourceFormValues,
} from "./form";
import { AUDIENCE_LABEL, AUDIENCES, COST_LABEL, COSTS, DAY_LABEL, DAYS, FORMAT_LABEL, FORMATS, KIND_LABEL, KINDS } from "./labels";

export const RESOURCE_CONFLICT_MESSAGE =
  "Someone else changed this resource since you opened it. Nothing was saved. Reload to see the current details, then make your change again.";

const FELLOWSHIPS = ["AA", "NA", "SMART Recovery", "Al-Anon", "Nar-Anon", "Celebrate Recovery", "CRAFT", "Refuge Recovery", "CMA"];

interface Props {
  /** The resource to edit; absent to add one. */
  resource?: ResourceRead;
  /** The practice's zone, the default of a new resource's meeting times. */
  practiceTimeZone: string;
  onClose: () => void;
}

export function ResourceFormModal({ resource, practiceTimeZone, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const create = useCreateResource();
  const update = useUpdateResource();
  const keys = useRef(new IdempotencyKeys());
  const [base, setBase] = useState(resource);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResourceFormValues>({
    mode: "controlled",
    initialValues: resource ? resourceToFormValues(resource) : emptyResourceForm(practiceTimeZone),
    validate: validateResourceForm,
  });
  const zones = useMemo(() => {
    const all = knownTimeZones();
    const current = form.values.time_zone;
    return current && !all.includes(current) ? [current, ...all] : all;
  }, [form.values.time_zone]);
  const title = resource ? `Edit ${resource.name}` : "Add resource";

  const reload = async () => {
    if (!base) return;
    try {
      const fresh = await fetchResource(base.id);
      const values = resourceToFormValues(fresh);
      setBase(fresh);
      form.setInitialValues(values);
      form.setValues(values);
      form.clearErrors();
      setConflict(false);
      setFormError(null);
    } catch (error) {
      setFormError(describeError(error));
    }
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (base) {
        const body = toUpdateBody(resourceToFormValues(base), values);
        if (Object.keys(body).length) await update.mutateAsync({ resource: base, body });
        notifications.show({ color: "teal", title: "Saved", message: `${values.name.trim()} was updated.` });
      } else {
        const body = toCreateBody(values);
        await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        keys.current.reset();
        notifications.show({ color: "teal", title: "Resource added", message: `${body.name} is in the directory.` });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, RESOURCE_FORM_FIELDS));
    }
  });

  const addMeeting = () => form.insertListItem("meetings", { day_of_week: "", start_time: "", end_time: "" });

  return (
    <Modal opened onClose={onClose} title={title} size="xl" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {conflict && (
            <ConflictAlert title="Not saved: changed by someone else" onReload={reload}>
              <span>{RESOURCE_CONFLICT_MESSAGE}</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput label="Name" withAsterisk autoComplete="off" maxLength={200} {...form.getInputProps("name")} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label="Kind" withAsterisk data={options(KIND_LABEL, KINDS)} {...form.getInputProps("kind")} />
            <Select label="For" withAsterisk data={options(AUDIENCE_LABEL, AUDIENCES)} {...form.getInputProps("audience")} />
            <Select label="Format" withAsterisk data={options(FORMAT_LABEL, FORMATS)} {...form.getInputProps("format")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Autocomplete
              label="Fellowship or approach"
              description="AA, NA, SMART Recovery, Al-Anon, CRAFT… or type another"
              data={FELLOWSHIPS}
              maxLength={100}
              {...form.getInputProps("fellowship")}
            />
            <Select label="Cost" data={options(COST_LABEL, COSTS)} clearable {...form.getInputProps("cost")} />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} maxLength={2000} {...form.getInputProps("description")} />

          <Text fw={600} size="sm" mt="xs">
            Weekly meetings
          </Text>
          <Select
            label="Time zone of the meeting times"
            description="The practice's zone unless the group meets somewhere else"
            data={zones}
            searchable
            {...form.getInputProps("time_zone")}
          />
          {form.values.meetings.map((_, index) => (
            <Group key={index} align="flex-start" gap="xs" wrap="wrap" data-testid="meeting-row">
              <Select
                label="Day"
                data={options(DAY_LABEL, DAYS)}
                w={{ base: "100%", xs: 160 }}
                {...form.getInputProps(`meetings.${index}.day_of_week`)}
              />
              <TextInput type="time" label="Starts" w={130} {...form.getInputProps(`meetings.${index}.start_time`)} />
              <TextInput type="time" label="Ends" w={130} {...form.getInputProps(`meetings.${index}.end_time`)} />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={`Remove meeting ${index + 1}`}
                onClick={() => form.removeListItem("meetings", index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {form.errors.meetings && (
            <Text c="red.8" size="sm" role="alert">
              {form.errors.meetings}
            </Text>
          )}
          <Group>
            <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={addMeeting}>
              Add a weekly meeting
            </Button>
          </Group>
          <TextInput
            label="Schedule note"
            description="When there are no fixed weekly meetings, e.g. 24/7, or by appointment"
            maxLength={500}
            {...form.getInputProps("schedule_note")}
          />

          <Text fw={600} size="sm" mt="xs">
            Where and how to reach it
          </Text>
          <TextInput label="Street address" autoComplete="off" maxLength={300} {...form.getInputProps("address_line")} />
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }}>
            <TextInput label="City" autoComplete="off" maxLength={100} {...form.getInputProps("city")} />
            <TextInput label="State or region" autoComplete="off" maxLength={100} {...form.getInputProps("region")} />
            <TextInput label="Postal code" autoComplete="off" maxLength={20} {...form.getInputProps("postal_code")} />
            <TextInput label="Country" description="Two letters, e.g. US" autoComplete="off" maxLength={2} {...form.getInputProps("country")} />
          </SimpleGrid>
          <TextInput
            label="Online meeting link"
            type="url"
            placeholder="https://"
            autoComplete="off"
            maxLength={280}
            {...form.getInputProps("online_url")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Phone"
              type="tel"
              description="With an extension if any: ext. 12"
              autoComplete="off"
              maxLength={60}
              {...form.getInputProps("phone")}
            />
            <TextInput label="E-mail" type="email" autoComplete="off" maxLength={320} {...form.getInputProps("email")} />
            <TextInput label="Website" type="url" placeholder="https://" autoComplete="off" maxLength={280} {...form.getInputProps("website")} />
          </SimpleGrid>
          <TagsInput
            label="Languages"
            description="Language codes; type and press Enter after each, e.g. en, es"
            data={["en", "es", "pl", "zh", "vi", "ar", "fr", "ko", "ru", "tl"]}
            maxTags={20}
            clearable
            {...form.getInputProps("languages")}
          />
          <TagsInput
            label="Populations served"
            description="Type and press Enter after each, e.g. veterans"
            maxTags={20}
            clearable
            {...form.getInputProps("populations")}
          />
          <ListingFields form={form} />
          <Checkbox
            label="Active: shown in the directory and the portal"
            {...form.getInputProps("is_active", { type: "checkbox" })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={conflict}>
              {resource ? "Save changes" : "Add resource"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
