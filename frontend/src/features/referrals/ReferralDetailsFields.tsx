import { Select, SimpleGrid, Textarea } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import type { UseFormReturnType } from "@mantine/form";
import dayjs from "dayjs";
import type { TreatmentCenterRead } from "../../api/types";
import { LEVEL_OF_CARE_OPTIONS, levelOfCareLabel } from "../plans/labels";
import type { ReferralFormValues } from "./form";
import { PICKER_DAY_FORMAT } from "../../lib/format";

interface Props {
  form: UseFormReturnType<ReferralFormValues>;
  /** The chosen center, when known: a level of care it does not list is pointed out. */
  center?: TreatmentCenterRead | null;
}

/** What a referral asks of the center: the same fields on a new referral and on a draft being edited. */
export function ReferralDetailsFields({ form, center = null }: Props) {
  const level = form.getValues().level_of_care;
  const unlisted =
    center && level && center.levels_of_care.length > 0 && !center.levels_of_care.includes(level)
      ? `${center.name} does not list ${levelOfCareLabel(level)}`
      : undefined;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Level of care"
          withAsterisk
          placeholder="Choose"
          data={LEVEL_OF_CARE_OPTIONS}
          allowDeselect={false}
          description={unlisted}
          {...form.getInputProps("level_of_care")}
        />
        <DatePickerInput
          label="Requested admission date"
          valueFormat={PICKER_DAY_FORMAT}
          minDate={dayjs().format("YYYY-MM-DD")}
          clearable
          {...form.getInputProps("requested_admission_date")}
        />
      </SimpleGrid>
      <Textarea
        label="Summary for the center"
        description="The minimum necessary for the center to decide: diagnosis, withdrawal risk, what is needed"
        withAsterisk
        autosize
        minRows={3}
        maxLength={4000}
        {...form.getInputProps("summary")}
      />
    </>
  );
}
