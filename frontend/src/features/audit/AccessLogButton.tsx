import { Button, Modal, Skeleton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconHistory } from "@tabler/icons-react";
import { EmptyState } from "../../lib/EmptyState";
import { PagedList } from "../../lib/PagedList";
import { useCaseAccessLog } from "./api";
import { AuditEvents } from "./AuditEvents";

/** "Who looked at this record and when", one click from the case (admins). */
export function AccessLogButton({ caseId, reference }: { caseId: string; reference: string }) {
  const [opened, modal] = useDisclosure(false);
  const log = useCaseAccessLog(caseId, opened);
  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconHistory size={14} aria-hidden />} onClick={modal.open}>
        Access log
      </Button>
      {/* Composed rather than <Modal title>: Mantine draws that title bar as a <header>,
          which outside <main> is a second banner landmark of the page. The dialog is named
          by its title; its bar needs no landmark. */}
      <Modal.Root opened={opened} onClose={modal.close} size="xl">
        <Modal.Overlay />
        <Modal.Content>
          <Modal.Header role="none">
            <Modal.Title>{`Access log of ${reference}`}</Modal.Title>
            <Modal.CloseButton aria-label="Close" />
          </Modal.Header>
          <Modal.Body>
            <PagedList
              list={log}
              skeleton={<Skeleton h={120} />}
              errorTitle="Could not load the access log"
              noun="event"
              empty={
                <EmptyState icon={IconHistory} title="No access recorded yet" headingOrder={3}>
                  Every read and change of this case will be listed here with who did it and when.
                </EmptyState>
              }
            >
              {(events) => (
                <AuditEvents
                  events={events}
                  caption={`Who read or changed ${reference}, newest first`}
                  showCase={false}
                />
              )}
            </PagedList>
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}
