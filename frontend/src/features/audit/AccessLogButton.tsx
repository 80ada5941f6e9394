import { Button, Modal, Skeleton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconHistory } from "@tabler/icons-react";
import { EmptyState } from "../../lib/EmptyState";
import { PagedList } from "../../lib/PagedList";
import { useCaseAccessLog } from "./api";
import { AuditTable } from "./AuditTable";

/** "Who looked at this record and when", one click from the case (admins). */
export function AccessLogButton({ caseId, reference }: { caseId: string; reference: string }) {
  const [opened, modal] = useDisclosure(false);
  const log = useCaseAccessLog(caseId, opened);
  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconHistory size={14} aria-hidden />} onClick={modal.open}>
        Access log
      </Button>
      <Modal opened={opened} onClose={modal.close} title={`Access log of ${reference}`} size="xl">
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
          {(events) => <AuditTable events={events} caption={`Who read or changed ${reference}, newest first`} />}
        </PagedList>
      </Modal>
    </>
  );
}
