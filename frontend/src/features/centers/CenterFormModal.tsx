import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { TreatmentCenterRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { options } from "../cases/labels";
import { LEVEL_OF_CARE_OPTIONS } from "../plans/labels";
import { fetchCenter, useCreateCenter, useUpdateCenter } from "./api";
import {
  CENTER_FORM_FIELDS,
  EMPTY_CENTER_FORM,
  centerToFormValues,
  toCreateBody,
  toUpdateBody,
  validateCenterForm,
  type CenterFormValues,
} from "./form";
import { ListingFields } from "../directory/ListingFields";
import { SERVICE_LABEL, SERVICES } from "./labels";

export const CENTER_CONFLICT_MESSAGE =
  "Someone else changed this center since you opened it (a partner center may have reported its beds). Nothing was saved. Reload to see the current details, then make your change again.";

const POPULATION_SUGGESTIONS = ["Adults", "Adolescents", "Women", "Men", "LGBTQ+", "Veterans", "Older adults", "Professionals"];
const INSURANCE_SUGGESTIONS = [
  "Medicaid",
  "Medicare",
  "Aetna",
  "Blue Cross Blue Shield",
  "Cigna",
  "UnitedHealthcare",
  "Tricare",
  "Self-pay",
];

interface Props {
  /** The center to edit; absent to add one. */
  center?: TreatmentCenterRead;
  onClose: () => void;
}

export function CenterFormModal({ center, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const create = useCreateCenter();
  const update = useUpdateCenter();
  const keys = useRef(new IdempotencyKeys());
  const [base, setBase] = useState(center);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CenterFormValues>({
    mode: "controlled",
    initialValues: center ? centerToFormValues(center) : EMPTY_CENTER_FORM,
    validate: validateCenterForm,
  });
  const title = center ? `Edit ${center.name}` : "Add treatment center";

  const reload = async () => {
    if (!base) return;
    try {
      const fresh = await fetchCenter(base.id);
      const values = centerToFormValues(fresh);
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
        const body = toUpdateBody(centerToFormValues(base), values);
        if (Object.keys(body).length) await update.mutateAsync({ center: base, body });
        notifications.show({ color: "teal", title: "Saved", message: `${values.name.trim()} was updated.` });
      } else {
        const body = toCreateBody(values);
        await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        keys.current.reset();
        notifications.show({ color: "teal", title: "Center added", message: `${body.name} is in the directory.` });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, CENTER_FORM_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={title} size="xl" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {conflict && (
            <ConflictAlert title="Not saved: changed by someone else" onReload={reload}>
              <span>{CENTER_CONFLICT_MESSAGE}</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput label="Name" withAsterisk autoComplete="off" maxLength={200} {...form.getInputProps("name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Beds available now"
              description={
                base?.is_partner
                  ? "This partner reports its beds through the API; change it only if they told you otherwise."
                  : "Leave empty if you do not know."
              }
              allowDecimal={false}
              allowNegative={false}
              min={0}
              max={10_000}
              {...form.getInputProps("beds_available")}
            />
            <MultiSelect
              label="Levels of care (ASAM)"
              placeholder={form.values.levels_of_care.length ? undefined : "Choose levels"}
              data={LEVEL_OF_CARE_OPTIONS}
              clearable
              hidePickedOptions
              comboboxProps={{ width: "target" }}
              {...form.getInputProps("levels_of_care")}
            />
          </SimpleGrid>
          <MultiSelect
            label="Services"
            placeholder={form.values.services.length ? undefined : "Choose services"}
            data={options(SERVICE_LABEL, SERVICES)}
            clearable
            hidePickedOptions
            {...form.getInputProps("services")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TagsInput
              label="Populations served"
              description="Type and press Enter after each."
              data={POPULATION_SUGGESTIONS}
              maxTags={20}
              clearable
              {...form.getInputProps("populations")}
            />
            <TagsInput
              label="Insurance accepted"
              description="Type and press Enter after each."
              data={INSURANCE_SUGGESTIONS}
              maxTags={40}
              clearable
              {...form.getInputProps("insurance_accepted")}
            />
          </SimpleGrid>
          <Text fw={600} size="sm" mt="xs">
            Address and contact
          </Text>
          <TextInput label="Street address" autoComplete="off" maxLength={300} {...form.getInputProps("address_line")} />
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }}>
            <TextInput label="City" autoComplete="off" maxLength={100} {...form.getInputProps("city")} />
            <TextInput label="State or region" autoComplete="off" maxLength={100} {...form.getInputProps("region")} />
            <TextInput label="Postal code" autoComplete="off" maxLength={20} {...form.getInputProps("postal_code")} />
            <TextInput
              label="Country"
              description="Two letters, e.g. US"
              autoComplete="off"
              maxLength={2}
              {...form.getInputProps("country")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Phone" type="tel" autoComplete="off" maxLength={40} {...form.getInputProps("phone")} />
            <TextInput
              label="Website"
              type="url"
              placeholder="https://"
              autoComplete="off"
              maxLength={280}
              {...form.getInputProps("website")}
            />
          </SimpleGrid>
          <TagsInput
            label="Languages"
            description="Language codes such as en, es; press Enter after each."
            maxTags={20}
            clearable
            {...form.getInputProps("languages")}
          />
          <ListingFields form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={conflict}>
              {center ? "Save changes" : "Add center"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
