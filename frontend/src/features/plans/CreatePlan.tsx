import { Alert, Badge, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFilePlus, IconTemplate } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { describeError } from "../../api/problem";
import type { CaseRead, PlanCreate } from "../../api/types";
import { IdempotencyKeys } from "../../lib/idempotency";
import { LoadError } from "../../lib/LoadError";
import { MODEL_LABEL } from "../cases/labels";
import { useCreatePlan, usePlanTemplates } from "./api";

function teamSize(template: { recommended_team_size: readonly number[] | null }): string {
  const size = template.recommended_team_size;
  return size ? `Team of ${size[0]}–${size[1]}` : "Team size varies";
}

/** No plan yet: pick a model's template, or start from a blank plan. */
export function CreatePlan({ caseData }: { caseData: CaseRead }) {
  const templates = usePlanTemplates();
  const create = useCreatePlan(caseData.id);
  const keys = useRef(new IdempotencyKeys());
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async (body: PlanCreate, label: string) => {
    setError(null);
    setChoice(body.template ?? "blank");
    try {
      await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
      keys.current.reset();
      notifications.show({ color: "teal", title: "Plan created", message: label });
    } catch (err) {
      setError(describeError(err));
    }
  };

  const suggested = caseData.intervention_model;
  const items = [...(templates.data?.items ?? [])].sort(
    (a, b) => Number(b.model === suggested) - Number(a.model === suggested),
  );

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} size="h3">
          Start the intervention plan
        </Title>
        <Text size="sm" c="dimmed" maw={640}>
          A template fills the plan with its model's sections (each with guidance), its contingencies, and turns
          its action items into tasks. You can change everything afterwards.
        </Text>
      </Stack>
      {error && (
        <Alert color="red" title="The plan was not created" role="alert">
          {error}
        </Alert>
      )}
      {templates.isPending ? (
        <Center py="lg">
          <Loader aria-label="Loading templates" />
        </Center>
      ) : templates.isError ? (
        <LoadError title="Could not load the templates" error={templates.error} onRetry={templates.refetch} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Plan templates">
          {items.map((template) => (
            <Card key={template.model} withBorder padding="lg" component="li" aria-label={template.name}>
              <Stack gap="sm" h="100%">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Title order={3} size="h5">
                    {template.name}
                  </Title>
                  {template.model === suggested && (
                    <Badge variant="light" color="cyan.9" tt="none" style={{ flexShrink: 0 }}>
                      Case model
                    </Badge>
                  )}
                </Group>
                <Text size="sm" lineClamp={5}>
                  {template.summary}
                </Text>
                <Group gap="xs">
                  <Badge variant="default" tt="none">
                    {teamSize(template)}
                  </Badge>
                  <Badge variant="default" tt="none">
                    {template.sections.length} sections
                  </Badge>
                  <Badge variant="default" tt="none">
                    {template.action_items.length} tasks
                  </Badge>
                </Group>
                <Button
                  mt="auto"
                  leftSection={<IconTemplate size={16} aria-hidden />}
                  onClick={() => void start({ template: template.model }, template.name)}
                  loading={create.isPending && choice === template.model}
                  disabled={create.isPending && choice !== template.model}
                  aria-label={`Use this template: ${MODEL_LABEL[template.model]}`}
                >
                  Use this template
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Card withBorder padding="lg">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Text fw={600}>Blank plan</Text>
            <Text size="sm" c="dimmed">
              No sections or tasks: for a model without a template, or to build the plan yourself.
            </Text>
          </Stack>
          <Button
            variant="default"
            leftSection={<IconFilePlus size={16} aria-hidden />}
            onClick={() => void start({}, "Blank plan")}
            loading={create.isPending && choice === "blank"}
            disabled={create.isPending && choice !== "blank"}
          >
            Start blank
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
