import { Alert, Button, Stack } from "@mantine/core";
import { useState, type ReactNode } from "react";

interface Props {
  /** What did not happen: "Not saved", "Status not changed"… */
  title: string;
  /** Who changed what, and what reloading does to the user's own edits. */
  children: ReactNode;
  /** Fetches the current version (and, for a dialog, usually closes it). */
  onReload: () => unknown;
}

/**
 * A 412: someone else changed the record since it was opened, so nothing was written.
 * A warning, not an error: the user's input is intact and one click fetches the current version.
 */
export function ConflictAlert({ title, children, onReload }: Props) {
  const [reloading, setReloading] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  };
  return (
    <Alert color="orange" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        {children}
        <Button size="xs" color="orange" onClick={() => void reload()} loading={reloading}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}
