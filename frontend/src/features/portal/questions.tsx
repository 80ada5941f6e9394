// Large, plain-language answer controls for check-ins (phones first: every
// target is at least 48 px, every group is a real radio group with a label).
import { Chip, Group, NumberInput, Radio, SimpleGrid, Stack, Text } from "@mantine/core";
import { SCALE_WORDS, type ScaleItem } from "../checkins/labels";
import type { YesNo } from "./checkinForm";
import classes from "./portal.module.css";

interface ChoiceProps<T> {
  label: string;
  description?: string;
  value: T | null;
  onChange: (value: T) => void;
  error?: string | undefined;
  name: string;
}

export function ScaleQuestion({ item, ...props }: ChoiceProps<number> & { item: ScaleItem }) {
  const words = SCALE_WORDS[item];
  return (
    <Radio.Group
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(Number(v))}
      error={props.error}
      name={props.name}
      labelProps={{ fz: "md", fw: 600, mb: 6 }}
      errorProps={{ c: "red.9", fz: "sm" }}
    >
      <Stack gap={8} mt={4}>
        {words.map((word, i) => (
          <Radio.Card key={word} value={String(i)} className={classes.choice} radius="md">
            <Radio.Indicator aria-hidden />
            <Text size="md">
              {word}
              <Text span size="sm" c="dimmed">
                {" "}
                ({i})
              </Text>
            </Text>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

export function YesNoQuestion(props: ChoiceProps<"yes" | "no"> & { value: YesNo }) {
  return (
    <Radio.Group
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(v) => props.onChange(v as "yes" | "no")}
      error={props.error}
      name={props.name}
      labelProps={{ fz: "md", fw: 600, mb: 6 }}
      errorProps={{ c: "red.9", fz: "sm" }}
    >
      <SimpleGrid cols={2} spacing={8} mt={4}>
        {(["yes", "no"] as const).map((answer) => (
          <Radio.Card key={answer} value={answer} className={classes.choice} radius="md">
            <Radio.Indicator aria-hidden />
            <Text size="md">{answer === "yes" ? "Yes" : "No"}</Text>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

/** Above this many, a count is typed rather than picked from buttons (a 30-day window). */
const MOST_BUTTONS = 10;

/** A whole number from 0 to `max`, as a grid of big buttons (or a number field for long windows). */
export function CountQuestion(
  props: Omit<ChoiceProps<number>, "onChange"> & { max: number; moreLabel?: string; onChange: (value: number | null) => void },
) {
  if (props.max > MOST_BUTTONS)
    return (
      <NumberInput
        size="lg"
        name={props.name}
        label={props.label}
        description={props.description}
        error={props.error}
        min={0}
        max={props.max}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        inputMode="numeric"
        maw={200}
        value={props.value ?? ""}
        onChange={(v) => {
          if (typeof v === "number" && Number.isInteger(v)) props.onChange(v);
          else if (v === "") props.onChange(null);
        }}
        labelProps={{ fz: "md", fw: 600, mb: 6 }}
      />
    );
  return (
    <Radio.Group
      label={props.label}
      description={props.description}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(Number(v))}
      error={props.error}
      name={props.name}
      labelProps={{ fz: "md", fw: 600, mb: 6 }}
      errorProps={{ c: "red.9", fz: "sm" }}
    >
      <Group gap={8} mt={4}>
        {Array.from({ length: props.max + 1 }, (_, n) => (
          <Radio.Card
            key={n}
            value={String(n)}
            className={`${classes.choice} ${classes.number}`}
            radius="md"
            w={56}
            aria-label={n === props.max && props.moreLabel ? props.moreLabel : String(n)}
          >
            {n === props.max && props.moreLabel ? `${n}+` : n}
          </Radio.Card>
        ))}
      </Group>
    </Radio.Group>
  );
}

export function SubstancesQuestion({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: string[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <div role="group" aria-labelledby="substances-label">
      <Text id="substances-label" fw={600} mb={6}>
        {label}
      </Text>
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap={8}>
          {options.map((option) => (
            <Chip key={option} value={option} size="lg" variant="outline">
              {option}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </div>
  );
}
