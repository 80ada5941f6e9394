import { Checkbox, Fieldset, Select, SimpleGrid, Stack, TagsInput, type TagsInputProps, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { DateInput } from "@mantine/dates";
import type { UseFormReturnType } from "@mantine/form";
import { useMemo } from "react";
import { knownTimeZones, practiceNowForPicker, practiceTimeZone } from "../../lib/format";
import type { CaseFormValues } from "./form";
import { MODEL_LABEL, RISK_FLAG_LABEL, RISK_FLAGS, options } from "./labels";

const COMMON_SUBSTANCES = [
  "Alcohol",
  "Opioids",
  "Fentanyl",
  "Heroin",
  "Prescription opioids",
  "Benzodiazepines",
  "Cocaine",
  "Methamphetamine",
  "Cannabis",
  "Stimulants (prescription)",
  "Gambling",
];

export function CaseFormFields({ form }: { form: UseFormReturnType<CaseFormValues> }) {
  const zones = useMemo(() => knownTimeZones(), []);
  const practice = practiceTimeZone();
  return (
    <Stack gap="md">
      <Fieldset legend="Client">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="First name" withAsterisk autoComplete="off" {...form.getInputProps("client.first_name")} />
          <TextInput label="Last name" withAsterisk autoComplete="off" {...form.getInputProps("client.last_name")} />
          <TextInput label="Preferred name" autoComplete="off" {...form.getInputProps("client.preferred_name")} />
          <DateInput
            label="Date of birth"
            placeholder="YYYY-MM-DD"
            valueFormat="YYYY-MM-DD"
            maxDate={practiceNowForPicker()}
            clearable
            defaultLevel="decade"
            {...form.getInputProps("client.date_of_birth")}
          />
          <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps("client.email")} />
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps("client.phone")} />
          <Select
            label="Client's time zone"
            description={
              practice
                ? `Leave empty when the client lives in the practice's zone (${practice.replace(/_/g, " ")}). Their check-ins run on this clock.`
                : "Leave empty when the client lives in the practice's zone. Their check-ins run on this clock."
            }
            placeholder="Same as the practice"
            data={zones}
            searchable
            clearable
            nothingFoundMessage="No such time zone"
            maxDropdownHeight={280}
            {...form.getInputProps("time_zone")}
          />
        </SimpleGrid>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Primary substance" {...form.getInputProps("primary_substance")} />
        <Select
          label="Intervention model"
          placeholder="Not chosen yet"
          clearable
          data={options(MODEL_LABEL)}
          {...form.getInputProps("intervention_model")}
        />
      </SimpleGrid>
      <SubstancesInput {...form.getInputProps("substances")} />
      <Checkbox.Group label="Risk flags" {...form.getInputProps("risk_flags")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {RISK_FLAGS.map((flag) => (
            <Checkbox key={flag} value={flag} label={RISK_FLAG_LABEL[flag]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea label="Summary" autosize minRows={3} maxRows={10} {...form.getInputProps("summary")} />
    </Stack>
  );
}

/**
 * The substances as tags. The suggestions close once a substance is added (Enter or a
 * pick), so they do not stay open over the risk flags below; typing opens them again.
 */
function SubstancesInput(props: Omit<TagsInputProps, "data">) {
  const [open, setOpen] = useState(false);
  return (
    <TagsInput
      label="Substances"
      description="Type and press Enter to add"
      data={COMMON_SUBSTANCES}
      clearable
      dropdownOpened={open}
      onDropdownOpen={() => setOpen(true)}
      onDropdownClose={() => setOpen(false)}
      onOptionSubmit={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === "Escape") setOpen(false);
      }}
      {...props}
    />
  );
}
