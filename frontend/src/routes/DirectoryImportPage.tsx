import { Alert, Badge, Button, FileInput, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCheck, IconFileImport, IconUpload } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../api/problem";
import type { DirectoryImportReport } from "../api/types";
import { IMPORT_FORMAT_LABEL, importSummary, useDirectoryImport } from "../features/directory/api";

const ACTION_COLOR = { create: "teal", update: "blue", unchanged: "gray" } as const;
const ACTION_LABEL = { create: "New", update: "Update", unchanged: "Unchanged" } as const;

/**
 * Admins bring listings in from public sources: upload a file, see what would change (a dry
 * run writes nothing), confirm, and read what was done and which rows were skipped, and why.
 */
export function DirectoryImportPage() {
  useDocumentTitle("Import listings · Cairn");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<DirectoryImportReport | null>(null);
  const [result, setResult] = useState<DirectoryImportReport | null>(null);
  const run = useDirectoryImport();

  const choose = (next: File | null) => {
    setFile(next);
    setPreview(null);
    setResult(null);
    run.reset();
  };
  const previewImport = async () => {
    if (!file) return;
    setResult(null);
    setPreview(await run.mutateAsync({ file, dryRun: true }).catch(() => null));
  };
  const confirmImport = async () => {
    if (!file) return;
    const done = await run.mutateAsync({ file, dryRun: false }).catch(() => null);
    if (done) {
      setResult(done);
      setPreview(null);
    }
  };

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1} size="h2">
          Import listings
        </Title>
        <Text size="sm" c="dimmed">
          Bring treatment centers and support resources in from the SAMHSA treatment locator (JSON or CSV) or an Open
          Referral HSDS data package (the CSV files, zipped). Rows are matched by their listing id, so importing a
          newer file updates what is already here instead of adding it twice.
        </Text>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label="Listing file"
          placeholder="Choose a .json, .csv or .zip file"
          accept=".json,.csv,.zip,application/json,text/csv,application/zip"
          value={file}
          onChange={choose}
          clearable
          leftSection={<IconFileImport size={16} aria-hidden />}
          w={{ base: "100%", sm: 360 }}
        />
        <Button onClick={previewImport} disabled={!file} loading={run.isPending && run.variables?.dryRun} variant="default">
          Preview
        </Button>
        <Button
          onClick={confirmImport}
          disabled={!preview || preview.created + preview.updated === 0}
          loading={run.isPending && run.variables?.dryRun === false}
          leftSection={<IconUpload size={16} aria-hidden />}
        >
          Import
        </Button>
      </Group>
      {run.isError && (
        <Alert color="red" title="The file was not imported" role="alert" style={{ whiteSpace: "pre-line" }}>
          {describeError(run.error)}
        </Alert>
      )}
      {preview && <ReportView report={preview} />}
      {result && (
        <>
          <Alert color="teal" title="Imported" icon={<IconCheck size={18} aria-hidden />} role="status">
            {importSummary(result)}. <Link to="/centers">See the treatment centers</Link> or{" "}
            <Link to="/resources">the resources</Link>.
          </Alert>
          <ReportView report={result} />
        </>
      )}
    </Stack>
  );
}

function ReportView({ report }: { report: DirectoryImportReport }) {
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="import-summary">
        <Text span fw={600}>
          {report.dry_run ? "Preview — nothing written yet: " : "Done: "}
        </Text>
        {importSummary(report)} · {IMPORT_FORMAT_LABEL[report.format]} · {report.file}
      </Text>
      {report.preview && report.preview.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder aria-label="Rows to import">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>What happens</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Place</Table.Th>
                <Table.Th>Levels of care</Table.Th>
                <Table.Th>Listing id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.preview.map((row) => (
                <Table.Tr key={`${row.target}-${row.external_id}`}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={ACTION_COLOR[row.action as keyof typeof ACTION_COLOR] ?? "gray"}
                      variant="light"
                      tt="none"
                    >
                      {ACTION_LABEL[row.action as keyof typeof ACTION_LABEL] ?? row.action}
                    </Badge>{" "}
                    <Text span size="xs" c="dimmed">
                      {row.target === "treatment_center" ? "center" : "resource"}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td>{[row.city, row.region].filter(Boolean).join(", ") || "—"}</Table.Td>
                  <Table.Td>{row.levels_of_care.join(", ") || "—"}</Table.Td>
                  <Table.Td>
                    <Text span ff="monospace" size="xs">
                      {row.external_id}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {report.skipped_rows.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            Skipped rows
          </Title>
          <Table striped withTableBorder aria-label="Skipped rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Line</Table.Th>
                <Table.Th>Listing id</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.skipped_rows.map((row) => (
                <Table.Tr key={`${row.row}-${row.external_id ?? ""}`}>
                  <Table.Td>{row.row}</Table.Td>
                  <Table.Td>{row.line ?? "—"}</Table.Td>
                  <Table.Td>{row.external_id ?? "—"}</Table.Td>
                  <Table.Td>{row.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
