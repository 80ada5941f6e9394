import { Group, MultiSelect, SegmentedControl, SimpleGrid, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { options } from "../cases/labels";
import {
  GENDER_LABEL,
  GENDERS,
  OPIOID_MEDICATION_LABEL,
  OPIOID_MEDICATIONS,
  PAYMENT_LABEL,
  PAYMENTS,
} from "../centers/labels";
import type { ListingFormValues } from "./listing";

const ACCREDITATION_SUGGESTIONS = [
  "The Joint Commission",
  "CARF",
  "NCQA",
  "Council on Accreditation (COA)",
  "SAMHSA certification for opioid treatment program (OTP)",
  "State substance use treatment agency",
];

/** The inputs of the listing fields, inside a center's or a resource's form. */
export function ListingFields<T extends ListingFormValues>({ form }: { form: UseFormReturnType<T> }) {
  // Mantine's path typing cannot see through the generic; the names are ListingFormValues' own.
  const input = (name: keyof ListingFormValues) => form.getInputProps(name as never);
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm" mt="xs">
        Access, payment and medications
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Intake line" type="tel" autoComplete="off" maxLength={60} {...input("intake_phone")} />
        <TextInput label="Hotline (24/7)" type="tel" autoComplete="off" maxLength={60} {...input("hotline_phone")} />
      </SimpleGrid>
      <MultiSelect
        label="Payment accepted"
        placeholder={form.values.payment_accepted.length ? undefined : "Choose"}
        data={options(PAYMENT_LABEL, PAYMENTS)}
        clearable
        hidePickedOptions
        {...input("payment_accepted")}
      />
      <MultiSelect
        label="Medications for opioid use disorder"
        placeholder={form.values.opioid_medications.length ? undefined : "Choose"}
        data={options(OPIOID_MEDICATION_LABEL, OPIOID_MEDICATIONS)}
        clearable
        hidePickedOptions
        {...input("opioid_medications")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TagsInput
          label="Accreditation"
          description="Type and press Enter after each."
          data={ACCREDITATION_SUGGESTIONS}
          maxTags={20}
          clearable
          {...input("accreditation")}
        />
        <MultiSelect
          label="Genders accepted"
          placeholder={form.values.genders_accepted.length ? undefined : "Not recorded"}
          data={options(GENDER_LABEL, GENDERS)}
          clearable
          hidePickedOptions
          {...input("genders_accepted")}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="telehealth-label">
          Telehealth
        </Text>
        <SegmentedControl
          aria-labelledby="telehealth-label"
          data={[
            { value: "", label: "Not known" },
            { value: "yes", label: "Offered" },
            { value: "no", label: "Not offered" },
          ]}
          {...input("telehealth")}
          w="fit-content"
        />
      </Stack>
      <Group grow align="flex-start">
        <TextInput
          label="Latitude"
          description="Decimal degrees, e.g. 45.5231"
          inputMode="decimal"
          autoComplete="off"
          {...input("latitude")}
        />
        <TextInput
          label="Longitude"
          description="Decimal degrees, e.g. -122.6765"
          inputMode="decimal"
          autoComplete="off"
          {...input("longitude")}
        />
      </Group>
    </Stack>
  );
}
