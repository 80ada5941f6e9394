import { Alert, Badge, Button, Card, CopyButton, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconCheck, IconCopy, IconMailForward } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { describeError } from "../../api/problem";
import type { InvitationRead, ParticipantRead, PortalStatus } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { IdempotencyKeys } from "../../lib/idempotency";
import { acceptLink, useInvite } from "../portal/api";

const STATUS_LABEL: Record<PortalStatus, string> = { none: "Not invited", invited: "Invited", active: "Active" };
const STATUS_COLOR: Record<PortalStatus, string> = { none: "gray", invited: "blue", active: "teal" };

interface Person {
  respondent: string;
  name: string;
  email: string | null;
  status: PortalStatus;
}

interface Props {
  caseId: string;
  clientName: string;
  clientEmail: string | null;
  clientPortalStatus: PortalStatus;
  participants: ParticipantRead[];
}

export function PortalAccess({ caseId, clientName, clientEmail, clientPortalStatus, participants }: Props) {
  const invite = useInvite(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [error, setError] = useState<{ name: string; message: string } | null>(null);
  const [shown, setShown] = useState<{ name: string; invitation: InvitationRead } | null>(null);
  const [pendingFor, setPendingFor] = useState<string | null>(null);
  const people: Person[] = [
    { respondent: "client", name: `${clientName} (client)`, email: clientEmail, status: clientPortalStatus },
    ...participants.map((p) => ({ respondent: p.id, name: p.full_name, email: p.email ?? null, status: p.portal_status })),
  ];

  const send = async (person: Person) => {
    setError(null);
    setPendingFor(person.respondent);
    // One key per press: a second press is a new invitation (it replaces the first).
    keys.current.reset();
    const body = { respondent: person.respondent };
    try {
      const invitation = await invite.mutateAsync({ ...body, idempotencyKey: keys.current.keyFor(body) });
      setShown({ name: person.name, invitation });
    } catch (err) {
      setError({ name: person.name, message: describeError(err) });
    } finally {
      setPendingFor(null);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="portal-access-title">
      <Title order={3} size="h4" id="portal-access-title">
        Portal access
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The client and family check in from their phones. An invitation gives them a one-time code to set a password; a
        new invitation replaces an unused one.
      </Text>
      {error && (
        <Alert color="red" role="alert" title={`Could not invite ${error.name}`} mb="sm" withCloseButton onClose={() => setError(null)}>
          {error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={560} type="native">
        <Table verticalSpacing="sm" aria-label="Portal access">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Person</Table.Th>
              <Table.Th scope="col">Sign-in email</Table.Th>
              <Table.Th scope="col">Portal</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <Table.Tr key={person.respondent}>
                <Table.Th scope="row" fw={600}>
                  {person.name}
                </Table.Th>
                <Table.Td>{person.email ?? <Text span size="sm" c="dimmed">No email on record</Text>}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[person.status]} variant="light" tt="none">
                    {STATUS_LABEL[person.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconMailForward size={14} aria-hidden />}
                      loading={pendingFor === person.respondent}
                      disabled={pendingFor !== null && pendingFor !== person.respondent}
                      onClick={() => void send(person)}
                      aria-label={`${person.status === "none" ? "Invite" : "Invite again"} ${person.name}`}
                    >
                      {person.status === "none" ? "Invite" : "Invite again"}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown && <InvitationModal name={shown.name} invitation={shown.invitation} onClose={() => setShown(null)} />}
    </Card>
  );
}

function InvitationModal({ name, invitation, onClose }: { name: string; invitation: InvitationRead; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const link = acceptLink(invitation.accept_path);
  return (
    <Modal opened onClose={onClose} title={`Invitation for ${name}`} fullScreen={phone} centered closeOnClickOutside={false}>
      <Stack>
        <Alert color="blue" variant="light" title="Shown only once">
          Copy the code or link now and give it to {name} (for example by text message or read it over the phone). Cairn
          keeps no copy; if it is lost, send a new invitation.
        </Alert>
        <div>
          <Text size="sm" c="dimmed">
            Invitation code
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text ff="monospace" fz={26} fw={700} data-testid="invitation-code" style={{ letterSpacing: 1, overflowWrap: "anywhere" }}>
              {invitation.code}
            </Text>
            <Copy value={invitation.code} what="code" />
          </Group>
        </div>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput label="Link to accept" value={link} readOnly style={{ flex: 1, minWidth: 0 }} onFocus={(e) => e.currentTarget.select()} />
          <Copy value={link} what="link" />
        </Group>
        <Text size="sm">
          Signs in as <strong>{invitation.email}</strong>. Valid until{" "}
          <time dateTime={invitation.expires_at}>{formatDateTime(invitation.expires_at)}</time>, for one use.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Copy({ value, what }: { value: string; what: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          variant={copied ? "light" : "default"}
          color={copied ? "teal" : undefined}
          onClick={copy}
          leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          aria-label={copied ? `Copied the ${what}` : `Copy the ${what}`}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      )}
    </CopyButton>
  );
}
