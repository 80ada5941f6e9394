import { Alert, Button, Card, Group, Loader, Select, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useEffect, useMemo, useState } from "react";
import { ApiError, describeError } from "../api/problem";
import type { OrganizationRead, OrganizationUpdate } from "../api/types";
import { useOrganization, useUpdateOrganization } from "../features/organization/api";
import { ConflictAlert } from "../lib/ConflictAlert";
import { formatDateTime, knownTimeZones } from "../lib/format";
import { LoadError } from "../lib/LoadError";

/** Admins: the practice's name and the time zone its dates are meant and shown in. */
export function SettingsPage() {
  useDocumentTitle("Practice settings · Cairn");
  const organization = useOrganization();
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} size="h2">
        Practice settings
      </Title>
      {organization.isPending ? (
        <Loader aria-label="Loading the practice" />
      ) : organization.isError ? (
        <LoadError title="Could not load the practice" error={organization.error} onRetry={organization.refetch} />
      ) : (
        <SettingsForm
          key={organization.data.data.version}
          practice={organization.data.data}
          etag={organization.data.etag}
          onReload={organization.refetch}
        />
      )}
    </Stack>
  );
}

interface FormProps {
  practice: OrganizationRead;
  etag: string | null;
  onReload: () => unknown;
}

function SettingsForm({ practice, etag, onReload }: FormProps) {
  const update = useUpdateOrganization();
  const [name, setName] = useState(practice.name);
  const [zone, setZone] = useState<string | null>(practice.time_zone);
  const [requireMfa, setRequireMfa] = useState(practice.require_mfa);
  const [conflict, setConflict] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const zones = useMemo(() => {
    const all = knownTimeZones();
    return all.includes(practice.time_zone) ? all : [practice.time_zone, ...all];
  }, [practice.time_zone]);
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  const body: OrganizationUpdate = {};
  if (name.trim() && name.trim() !== practice.name) body.name = name.trim();
  if (zone && zone !== practice.time_zone) body.time_zone = zone;
  if (requireMfa !== practice.require_mfa) body.require_mfa = requireMfa;
  const changed = Object.keys(body).length > 0;

  const save = async () => {
    setConflict(false);
    setFailure(null);
    try {
      const saved = await update.mutateAsync({ body, etag });
      notifications.show({
        color: "teal",
        title: "Practice settings saved",
        message: `Times are now shown in ${saved.data.time_zone.replace(/_/g, " ")}.${
          saved.data.require_mfa ? " Two-step sign-in is required." : ""
        }`,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else setFailure(describeError(error));
    }
  };

  return (
    <Card withBorder padding="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Practice name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={200}
            required
          />
          <Select
            label="Time zone"
            description="Where the practice works. The dashboard shows times in it, dates and deadlines are meant in it, and check-ins of clients without their own zone run on its clock."
            data={zones}
            value={zone}
            onChange={setZone}
            searchable
            nothingFoundMessage="No such time zone"
            allowDeselect={false}
            maxDropdownHeight={280}
          />
          <Text size="sm" c="dimmed" data-testid="practice-now">
            The time now in {practice.time_zone.replace(/_/g, " ")}: {formatDateTime(now)}
          </Text>
          <Switch
            label="Require two-step sign-in (MFA)"
            description="Every staff member signs in with a code from an authenticator app. Those who have not set one up are asked to at their next sign-in."
            checked={requireMfa}
            onChange={(event) => setRequireMfa(event.currentTarget.checked)}
          />
          {conflict ? (
            <ConflictAlert title="Not saved" onReload={onReload}>
              Another admin changed the practice settings since you opened them. Reload to see their changes, then
              apply yours again.
            </ConflictAlert>
          ) : null}
          {failure ? (
            <Alert color="red" title="Not saved" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" disabled={!changed} loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
