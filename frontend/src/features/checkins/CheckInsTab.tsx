import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconClipboardPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { CaseRead } from "../../api/types";
import { participantsQueryOptions } from "../participants/api";
import { History } from "./History";
import { PortalAccess } from "./PortalAccess";
import { Schedules } from "./Schedules";
import { StaffCheckInModal } from "./StaffCheckInModal";
import { Trends } from "./Trends";

export function CheckInsTab({ caseData }: { caseData: CaseRead }) {
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const [entering, setEntering] = useState(false);
  const clientName = caseData.client.preferred_name || caseData.client.first_name;
  const people = [
    { value: "client", label: `${clientName} (client)` },
    ...(participants.data ?? []).map((p) => ({ value: p.id, label: p.full_name })),
  ];
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} size="h3">
            Check-ins
          </Title>
          <Text size="sm" c="dimmed">
            Weekly check-ins from the client and the family, with their risk level. Safety answers raise a critical alert
            at once.
          </Text>
        </div>
        <Button variant="default" leftSection={<IconClipboardPlus size={16} aria-hidden />} onClick={() => setEntering(true)}>
          Enter a check-in
        </Button>
      </Group>
      {participants.isError && (
        <Alert color="red" role="alert" title="Could not load the participants">
          {describeError(participants.error)}
        </Alert>
      )}
      <Schedules caseId={caseData.id} people={people} />
      <Trends caseId={caseData.id} clientName={clientName} />
      <History caseId={caseData.id} />
      <PortalAccess
        caseId={caseData.id}
        clientName={clientName}
        clientEmail={caseData.client.email ?? null}
        clientPortalStatus={caseData.client_portal_status}
        participants={participants.data ?? []}
      />
      {entering && <StaffCheckInModal caseId={caseData.id} people={people} clientName={clientName} onClose={() => setEntering(false)} />}
    </Stack>
  );
}
