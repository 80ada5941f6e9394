import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "../../api/problem";
import { downloadCaseFhir } from "./api";

/** Downloads the case as a FHIR R4 Bundle, for a treatment center's EHR. */
export function FhirExportButton({ caseId, reference }: { caseId: string; reference: string }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadCaseFhir(caseId, reference);
    } catch (error) {
      notifications.show({ color: "red", title: "FHIR export failed", message: describeError(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      loading={busy}
      onClick={download}
      title="The case as an HL7 FHIR R4 Bundle (JSON), for another organization's health record system"
    >
      FHIR export
    </Button>
  );
}
