import { DateTimePicker, type DateTimePickerProps } from "@mantine/dates";
import { PICKER_DATE_TIME_FORMAT } from "../../lib/format";

/** Mantine's DateTimePicker with the names its inner controls need for screen readers. */
export function DateTimeField(props: DateTimePickerProps) {
  return (
    <DateTimePicker
      valueFormat={PICKER_DATE_TIME_FORMAT}
      submitButtonProps={{ "aria-label": "Confirm date and time" }}
      timePickerProps={{ hoursInputLabel: "Hours", minutesInputLabel: "Minutes" }}
      // The placeholder is real text here (the input is a button): keep it readable.
      styles={{ placeholder: { color: "var(--mantine-color-gray-7)" } }}
      {...props}
    />
  );
}
