// The questions of one check-in step, shared by the portal and by staff entering a check-in.
import { Alert, Anchor, Radio, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconLifebuoy } from "@tabler/icons-react";
import { COMMON_SUBSTANCES, recallChoices, type CheckInFormValues, type StepId } from "./checkinForm";
import { CountQuestion, ScaleQuestion, SubstancesQuestion, YesNoQuestion } from "./questions";
import { ContactText } from "../../lib/ContactText";
import classes from "./portal.module.css";

export interface GoalForCheckIn {
  id: string;
  title: string;
  metric: string;
  unit?: string | null;
  latest_value?: number | null;
}

interface Props {
  step: StepId;
  values: CheckInFormValues;
  errors: Record<string, string>;
  onChange: (change: Partial<CheckInFormValues>) => void;
  /** The recall window the answers cover, in days. */
  periodDays: number;
  /** The window that follows the schedule's cadence (the default). */
  scheduleDays: number;
  goals: GoalForCheckIn[];
  /** The client's first name, for a family member's questions. */
  clientName: string;
}

export function CheckInStep({ step, values, errors, onChange, periodDays, scheduleDays, goals, clientName }: Props) {
  switch (step) {
    case "use":
      return (
        <Stack gap="lg">
          <RecallWindow values={values} onChange={onChange} scheduleDays={scheduleDays} />
          <CountQuestion
            name="days_used"
            label={`In the last ${periodDays} days, on how many days did you drink or use drugs?`}
            description="Choose 0 if you did not use at all. An honest answer helps your team help you."
            max={periodDays}
            value={values.days_used}
            onChange={(days_used) =>
              onChange({ days_used, ...(days_used ? {} : { substances: [], other_substance: "", heavy_drinking_days: null }) })
            }
            error={errors.days_used}
          />
          {Boolean(values.days_used) && (
            <>
              <CountQuestion
                name="heavy_drinking_days"
                label="On how many of those days did you have 5 or more drinks (4 or more for a woman)?"
                description="Choose 0 if you did not drink that much, or did not drink at all."
                max={Math.min(periodDays, values.days_used ?? periodDays)}
                value={values.heavy_drinking_days}
                onChange={(heavy_drinking_days) => onChange({ heavy_drinking_days })}
                error={errors.heavy_drinking_days}
              />
              <SubstancesQuestion
                label="What did you use? (choose all that apply)"
                options={COMMON_SUBSTANCES}
                value={values.substances}
                onChange={(substances) => onChange({ substances })}
              />
              <TextInput
                size="lg"
                label="Something else"
                maxLength={100}
                value={values.other_substance}
                onChange={(e) => onChange({ other_substance: e.currentTarget.value })}
              />
            </>
          )}
        </Stack>
      );
    case "feelings":
      return (
        <Stack gap="xl">
          <ScaleQuestion item="craving" name="craving" label="How strong were your cravings?" value={values.craving} onChange={(craving) => onChange({ craving })} />
          <ScaleQuestion item="mood" name="mood" label="How has your mood been?" value={values.mood} onChange={(mood) => onChange({ mood })} />
          <ScaleQuestion item="sleep_quality" name="sleep_quality" label="How well have you slept?" value={values.sleep_quality} onChange={(sleep_quality) => onChange({ sleep_quality })} />
          <ScaleQuestion
            item="risky_situations"
            name="risky_situations"
            label="How often were you in situations where you could easily use?"
            description="For example parties, people you used with, or having money and time on your hands."
            value={values.risky_situations}
            onChange={(risky_situations) => onChange({ risky_situations })}
          />
          <ScaleQuestion
            item="family_conflict"
            name="family_conflict"
            label="How much have arguments or problems getting along with family or friends bothered you?"
            value={values.family_conflict}
            onChange={(family_conflict) => onChange({ family_conflict })}
          />
        </Stack>
      );
    case "support":
      return (
        <Stack gap="xl">
          <ScaleQuestion
            item="confidence"
            name="confidence"
            label="How confident are you that you can stay sober this coming week?"
            value={values.confidence}
            onChange={(confidence) => onChange({ confidence })}
          />
          <CountQuestion
            name="meetings_attended"
            label={`In the last ${periodDays} days, on how many days did you go to a support meeting?`}
            description="AA, NA, SMART Recovery, church groups or online meetings all count."
            max={periodDays}
            value={values.meetings_attended}
            onChange={(meetings_attended) => onChange({ meetings_attended })}
            error={errors.meetings_attended}
          />
          <CountQuestion
            name="work_school_days"
            label={`On how many days did you spend much of the day at work, school or volunteering?`}
            max={periodDays}
            value={values.work_school_days}
            onChange={(work_school_days) => onChange({ work_school_days })}
            error={errors.work_school_days}
          />
          <YesNoQuestion
            name="sober_support_contact"
            label="Did you talk with someone who supports your recovery?"
            description="A sponsor, a sober friend, a counselor."
            value={values.sober_support_contact}
            onChange={(sober_support_contact) => onChange({ sober_support_contact })}
          />
        </Stack>
      );
    case "family":
      return (
        <Stack gap="xl">
          <YesNoQuestion
            name="commitments_kept"
            label="Did you keep the commitments you made to the plan this week?"
            description={`For example holding your boundary, or how you respond when ${clientName} asks for money.`}
            value={values.commitments_kept}
            onChange={(commitments_kept) => onChange({ commitments_kept })}
          />
          <ScaleQuestion
            item="wellbeing"
            name="wellbeing"
            label="And how are you doing yourself?"
            description="Your own wellbeing matters too."
            value={values.wellbeing}
            onChange={(wellbeing) => onChange({ wellbeing })}
          />
        </Stack>
      );
    case "goals":
      return (
        <Stack gap="lg">
          <Text>Fill in the ones you can; leave the rest empty.</Text>
          {goals.map((goal) => (
            <TextInput
              key={goal.id}
              size="lg"
              inputMode="decimal"
              label={goal.title}
              description={`${goal.metric}${goal.unit ? ` (${goal.unit})` : ""}${goal.latest_value === null || goal.latest_value === undefined ? "" : ` — last time: ${goal.latest_value}`}`}
              value={values.goal_values[goal.id] ?? ""}
              onChange={(e) => onChange({ goal_values: { ...values.goal_values, [goal.id]: e.currentTarget.value } })}
              error={errors[`goal_values.${goal.id}`]}
            />
          ))}
        </Stack>
      );
    case "safety":
      return <SafetyQuestions values={values} errors={errors} onChange={onChange} clientName={clientName} />;
    case "note":
      return (
        <Textarea
          size="lg"
          label="Is there anything else you want your interventionist to know?"
          description="Optional."
          autosize
          minRows={4}
          maxLength={2000}
          value={values.note}
          onChange={(e) => onChange({ note: e.currentTarget.value })}
        />
      );
  }
}

/** Which days the answers cover: the schedule's window, the last 7 or the last 30 days. */
function RecallWindow({ values, onChange, scheduleDays }: Pick<Props, "values" | "onChange" | "scheduleDays">) {
  const choices = recallChoices(scheduleDays);
  const followsSchedule = choices.some((c) => c.value === "schedule");
  const value = values.period_days !== null ? String(values.period_days) : followsSchedule ? "schedule" : String(scheduleDays);
  return (
    <Radio.Group
      label="Which days are you answering about?"
      name="period_days"
      value={value}
      onChange={(v) => onChange({ period_days: v === "schedule" ? null : Number(v) })}
      labelProps={{ fz: "md", fw: 600, mb: 6 }}
    >
      <Stack gap={8} mt={4}>
        {choices.map((choice) => (
          <Radio.Card key={choice.value} value={choice.value} className={classes.choice} radius="md">
            <Radio.Indicator aria-hidden />
            <Text size="md">{choice.label}</Text>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

function SafetyQuestions({
  values,
  errors,
  onChange,
}: Pick<Props, "values" | "errors" | "onChange" | "clientName">) {
  const answer = (key: keyof CheckInFormValues["safety"]) => (value: "yes" | "no") =>
    onChange({ safety: { ...values.safety, [key]: value } });
  const anyYes = Object.values(values.safety).some((v) => v === "yes");
  return (
    <Stack gap="xl">
      <Text>These three questions are asked every time. Your interventionist is told at once if you answer yes.</Text>
      <YesNoQuestion
        name="safety-overdose"
        label="Since your last check-in, has there been an overdose, or a time someone needed help after using too much?"
        value={values.safety.overdose}
        onChange={answer("overdose")}
        error={errors["safety.overdose"]}
      />
      <YesNoQuestion
        name="safety-self-harm"
        label="Have you had thoughts of hurting yourself or of ending your life?"
        value={values.safety.self_harm_thoughts}
        onChange={answer("self_harm_thoughts")}
        error={errors["safety.self_harm_thoughts"]}
      />
      <YesNoQuestion
        name="safety-violence"
        label="Has there been violence — has anyone hurt you, or have you hurt someone?"
        value={values.safety.violence}
        onChange={answer("violence")}
        error={errors["safety.violence"]}
      />
      {anyYes && <CrisisNote />}
    </Stack>
  );
}

export function CrisisNote() {
  return (
    <Alert color="red" variant="filled" icon={<IconLifebuoy aria-hidden />} title="You do not have to wait for us" role="alert">
      <Stack gap={6}>
        <Text size="md">
          If someone is in danger, not breathing, or may have overdosed: <strong>
            <Anchor href="tel:911" c="white" underline="always" inherit>
              call 911 now
            </Anchor>
          </strong>
          .
        </Text>
        <Text size="md">
          To talk to someone right away, <strong>
            <ContactText text="call or text 988" c="white" underline="always" />
          </strong>{" "}
          (Suicide &amp; Crisis Lifeline, free, 24/7).
        </Text>
      </Stack>
    </Alert>
  );
}
