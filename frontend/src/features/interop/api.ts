// The FHIR R4 export of a case (docs/interoperability.md).
import { api } from "../../api/client";
import { toApiError } from "../../api/problem";

/** Fetches the case's FHIR Bundle (the token travels in a header, so a plain link cannot
 * do it) and hands it to the browser as a `.json` download. The server records the export
 * in the audit log. */
export async function downloadCaseFhir(caseId: string, reference: string): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/cases/{case_id}/fhir", {
    params: { path: { case_id: caseId } },
    parseAs: "blob",
  });
  if (!data) throw toApiError(response, error);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `cairn-${reference}-fhir.json`;
  const url = URL.createObjectURL(new Blob([data as Blob], { type: "application/fhir+json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
