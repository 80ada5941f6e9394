import { Alert, Button, Stack } from "@mantine/core";
import { describeError } from "../api/problem";

interface Props {
  /** "Could not load the …": what is missing from the page. */
  title: string;
  error: unknown;
  onRetry: () => unknown;
}

/** A query that failed: why, in the API's words, and a way to try again without reloading the page. */
export function LoadError({ title, error, onRetry }: Props) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <span>{describeError(error)}</span>
        <Button size="xs" variant="white" color="red" onClick={() => void onRetry()}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
