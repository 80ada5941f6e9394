import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import { allItems } from "../../api/pages";
import type { TaskCreate, TaskRead, TaskUpdate } from "../../api/types";

export const MY_TASKS_PAGE_SIZE = 50;

export const taskKeys = {
  all: ["tasks"] as const,
  caseList: (caseId: string) => [...taskKeys.all, "case", caseId] as const,
  mine: (overdue: boolean) => [...taskKeys.all, "mine", { overdue }] as const,
};

/** The whole action plan of a case (pages are followed to the end). */
export function caseTasksQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: taskKeys.caseList(caseId),
    queryFn: ({ signal }) =>
      allItems((cursor) =>
        unwrap(api.GET("/api/v1/cases/{case_id}/tasks", { params: { path: { case_id: caseId }, query: { limit: 200, cursor } }, signal })),
      ),
  });
}

export function useMyTasks(overdue: boolean) {
  return useInfiniteQuery({
    queryKey: taskKeys.mine(overdue),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/tasks", {
          params: {
            query: {
              assigned_to: "me",
              // A work queue: what is still to do.
              status: "open",
              ...(overdue ? { overdue: true } : {}),
              limit: MY_TASKS_PAGE_SIZE,
              cursor: pageParam,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Active colleagues who can be given a task (the staff directory: id, name, role; any staff may read it). */
export function useStaffOptions() {
  return useQuery({
    queryKey: ["users", "directory"] as const,
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/colleagues", { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}

export function useCreateTask(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TaskCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/tasks", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

/** Change a task, conditional on the version the user saw (412 if someone changed it since). */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, body }: { task: Pick<TaskRead, "id" | "version">; body: TaskUpdate }) =>
      unwrap(
        api.PATCH("/api/v1/tasks/{task_id}", {
          params: { path: { task_id: task.id } },
          body,
          headers: { "If-Match": etagOf(task) },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData<TaskRead[]>(taskKeys.caseList(updated.case_id), (list) =>
        list?.map((t) => (t.id === updated.id ? updated : t)),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export function useDeleteTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: TaskRead) =>
      unwrap(
        api.DELETE("/api/v1/tasks/{task_id}", {
          params: { path: { task_id: task.id } },
          headers: { "If-Match": etagOf(task) },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
