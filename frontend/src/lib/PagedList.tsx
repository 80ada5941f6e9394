import { Button, Center, Skeleton, Stack, Text } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LoadError } from "./LoadError";
import { StaleContent } from "./StaleContent";

interface Props<T> {
  /** A cursor-paged list query (useInfiniteQuery over pages of `items`). */
  list: UseInfiniteQueryResult<InfiniteData<{ items: T[] }, unknown>>;
  /** Shown while the first page loads. */
  skeleton: ReactNode;
  /** "Could not load the …". */
  errorTitle: string;
  /** Shown when the list is empty (usually an EmptyState). */
  empty: ReactNode;
  /** What one item is called, for "Showing 3 cases"; the plural adds an "s". */
  noun: string;
  /** The items loaded so far. */
  children: (items: T[]) => ReactNode;
}

/**
 * The frame of a paged list page: a skeleton while loading, the error with a retry,
 * the empty state, and under the items how many are shown and a "Load more" button.
 */
export function PagedList<T>({ list, skeleton, errorTitle, empty, noun, children }: Props<T>) {
  if (list.isPending) return skeleton;
  if (list.isError) return <LoadError title={errorTitle} error={list.error} onRetry={list.refetch} />;

  // While new filters load, the previous results stay on screen (keepPreviousData):
  // dimmed and labelled, so nobody reads them as the answer to the new search.
  const stale = list.isPlaceholderData;
  const items = list.data.pages.flatMap((page) => page.items);
  if (!items.length && !stale) return <Center py="xl">{empty}</Center>;

  return (
    <Stack gap="md" aria-busy={list.isFetching && !list.isFetchingNextPage ? "true" : "false"}>
      <StaleContent stale={stale} status="Updating results…">
        {items.length ? children(items) : empty}
      </StaleContent>
      <Text size="sm" c="dimmed" aria-live="polite">
        {stale
          ? "Showing the previous results"
          : `Showing ${items.length} ${noun}${items.length === 1 ? "" : "s"}${list.hasNextPage ? " — more available" : ""}`}
      </Text>
      {list.hasNextPage && !stale && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
    </Stack>
  );
}

/** Grey bars in place of a list that is loading, announced by its label. */
export function ListSkeleton({ label, rows, height }: { label: string; rows: number; height: number }) {
  return (
    <Stack gap="sm" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}
