// The questions of one check-in step, shared by the portal and by staff entering a check-in.
import { Alert, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconLifebuoy } from "@tabler/icons-react";
import { COMMON_SUBSTANCES, type CheckInFormValues, type StepId } from "./checkinForm";
import { CountQuestion, ScaleQuestion, SubstancesQuestion, YesNoQuestion } from "./questions";

export interface GoalForCheckIn {
  id: string;
  title: string;
  metric: string;
  unit: string;
  latest_value?: number | null;
}

interface Props {
  step: StepId;
  values: CheckInFormValues;
  errors: Record<string, string>;
  onChange: (change: Partial<CheckInFormValues>) => void;
  periodDays: number;
  goals: GoalForCheckIn[];
  /** The client's first name, for a family member's questions. */
  clientName: string;
}

export function CheckInStep({ step, values, errors, onChange, periodDays, goals, clientName }: Props) {
  switch (step) {
    case "use":
      return (
        <Stack gap="lg">
          <CountQuestion
            name="days_used"
            label={`In the last ${periodDays} days, on how many days did you drink or use drugs?`}
            description="Choose 0 if you did not use at all. An honest answer helps your team help you."
            max={periodDays}
            value={values.days_used}
            onChange={(days_used) => onChange({ days_used, ...(days_used === 0 ? { substances: [], other_substance: "" } : {}) })}
            error={errors.days_used}
          />
          {Boolean(values.days_used) && (
            <>
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
            label="How many support meetings did you go to?"
            description="AA, NA, SMART Recovery, church groups or online meetings all count."
            max={7}
            moreLabel="7 or more"
            value={values.meetings_attended}
            onChange={(meetings_attended) => onChange({ meetings_attended })}
          />
          <YesNoQuestion
            name="sober_support_contact"
            label="Did you talk with someone who supports your recovery?"
            description="A sponsor, a sober friend, a counsellor."
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
              description={`${goal.metric} (${goal.unit})${goal.latest_value === null || goal.latest_value === undefined ? "" : ` — last time: ${goal.latest_value}`}`}
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
          If someone is in danger, not breathing, or may have overdosed: <strong>call 911 now</strong>.
        </Text>
        <Text size="md">
          To talk to someone right away, <strong>call or text 988</strong> (Suicide &amp; Crisis Lifeline, free, 24/7).
        </Text>
      </Stack>
    </Alert>
  );
}
