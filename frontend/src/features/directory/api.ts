import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { centerKeys } from "../centers/api";
import { resourceKeys } from "../resources/api";

export interface ImportRequest {
  file: File;
  dryRun: boolean;
}

/** POST /directory/import: a dry run previews; a real one writes and refreshes the directory. */
export function useDirectoryImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: ImportRequest) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return unwrap(
        api.POST("/api/v1/directory/import", {
          params: { query: { dry_run: dryRun } },
          // The generated type names the part; the browser sends the FormData with its boundary.
          body: { file: "" },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) {
        void queryClient.invalidateQueries({ queryKey: centerKeys.all });
        void queryClient.invalidateQueries({ queryKey: resourceKeys.all });
      }
    },
  });
}

export const IMPORT_FORMAT_LABEL = {
  locator_json: "SAMHSA treatment locator (JSON)",
  locator_csv: "SAMHSA treatment locator (CSV)",
  hsds_package: "Open Referral HSDS data package (zip)",
} as const;

/** "3 new, 1 updated, 2 unchanged, 1 skipped" — what an import did or would do. */
export function importSummary(report: { created: number; updated: number; unchanged: number; skipped: number }): string {
  return `${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`;
}
