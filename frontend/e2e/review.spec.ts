import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { apiCreateCase, apiCreateUser, apiToken, captureWidths, expectAccessible, signIn, unique } from "./helpers";

const PASSWORD = "a-long-enough-password-e2e";
type Headers = Record<string, string>;

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button").last().click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/** A case with a Johnson plan (its template tasks included), made through the API. */
async function caseWithPlan(request: APIRequestContext, headers: Headers, lastName: string) {
  const created = await apiCreateCase(request, headers, { first_name: "Daniel", last_name: lastName });
  const plan = await request.post(`/api/v1/cases/${created.id}/plan`, { headers, data: { template: "johnson" } });
  expect(plan.status(), await plan.text()).toBe(201);
  return { caseId: created.id, etag: plan.headers()["etag"]! };
}

async function planStep(request: APIRequestContext, headers: Headers, caseId: string, step: string, data?: unknown) {
  const current = await request.get(`/api/v1/cases/${caseId}/plan`, { headers });
  const response = await request.post(`/api/v1/cases/${caseId}/plan/${step}`, {
    headers: { ...headers, "If-Match": current.headers()["etag"]! },
    ...(data ? { data } : {}),
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("a supervisor finds the plan in the queue and returns it for changes; the interventionist sees why", async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await apiToken(request);
  const interventionist = { email: `${unique("iv")}@harbor-e2e.org`, full_name: "Ines Interventionist", role: "interventionist", password: PASSWORD };
  const supervisor = { email: `${unique("sv")}@harbor-e2e.org`, full_name: "Sam Supervisor", role: "supervisor", password: PASSWORD };
  await apiCreateUser(request, admin, interventionist);
  await apiCreateUser(request, admin, supervisor);
  const ines = await apiToken(request, interventionist.email, PASSWORD);
  const lastName = unique("Okafor");
  const { caseId } = await caseWithPlan(request, ines, lastName);
  await planStep(request, ines, caseId, "submit");

  // The supervisor sees a count in the navigation and the plan in the queue.
  await signIn(page, supervisor.email, PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByTestId("reviews-nav-badge")).toBeVisible();
  await nav.getByRole("link", { name: /Plans to review/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plans to review" })).toBeVisible();
  const item = page.getByTestId("review-item").filter({ hasText: lastName });
  await expect(item).toContainText("Submitted by Ines Interventionist");
  await expect(item).toContainText("Johnson");
  await expectAccessible(page, "plans to review");
  await captureWidths(page, "plan-reviews");

  // Return for changes: the comment is required.
  await item.getByRole("link", { name: "Review the plan" }).click();
  await expect(page.getByLabel("Plan status: In review")).toBeVisible();
  await page.getByRole("button", { name: "Return for changes" }).click();
  const dialog = page.getByRole("dialog", { name: "Return the plan for changes" });
  await expect(dialog.getByLabel("What needs to change")).toBeFocused();
  await expectAccessible(page, "return for changes");
  await dialog.getByRole("button", { name: "Return for changes" }).click();
  await expect(dialog.getByText("Say what needs to change")).toBeVisible();
  await captureWidths(page, "plan-return-dialog");
  const comment = "Add a second treatment option in case the bed falls through.";
  await dialog.getByLabel("What needs to change").fill(comment);
  await dialog.getByRole("button", { name: "Return for changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Plan status: Draft")).toBeVisible();
  await expect(page.getByTestId("plan-returned")).toContainText(comment);
  await nav.getByRole("link", { name: /Plans to review/ }).click();
  await expect(page.getByTestId("review-item").filter({ hasText: lastName })).toHaveCount(0);
  await signOut(page);

  // The interventionist: the comment on the plan, a task to address it, the story on the timeline.
  await signIn(page, interventionist.email, PASSWORD);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Plans to review/ })).toHaveCount(0);
  await page.goto(`/cases/${caseId}?tab=plan`);
  const returned = page.getByTestId("plan-returned");
  await expect(returned).toContainText(comment);
  await expect(returned).toContainText("Returned for changes by Sam Supervisor");
  await expectAccessible(page, "returned plan");
  await captureWidths(page, "plan-returned");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tasks" }).click();
  const task = page.getByRole("listitem", { name: "Address the review comments on the intervention plan" });
  await expect(task).toContainText(comment);

  // Resubmitted and approved: the interventionist learns it on the plan and in their tasks.
  await page.goto(`/cases/${caseId}?tab=plan`);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByLabel("Plan status: In review")).toBeVisible();
  const sam = await apiToken(request, supervisor.email, PASSWORD);
  await planStep(request, sam, caseId, "approve");
  await page.reload();
  await expect(page.getByText(/Approved by Sam Supervisor/)).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tasks" }).click();
  await expect(page.getByRole("listitem", { name: "Plan approved: confirm the arrangements with the team" })).toBeVisible();

  await page.goto(`/cases/${caseId}?tab=timeline`);
  const timeline = page.getByLabel("Case timeline");
  await expect(timeline.getByText(`Plan returned for changes: ${comment}`)).toBeVisible();
  await expect(timeline.getByText("Plan approved", { exact: true })).toBeVisible();
  await expect(timeline.getByText(/Sam Supervisor ·/).first()).toBeVisible();
  await expectAccessible(page, "case story");
  await captureWidths(page, "case-story");
});

test("template task dates follow the intervention when it is rescheduled, except those set by hand", async ({ page, request }) => {
  test.setTimeout(150_000);
  const admin = await apiToken(request);
  const lastName = unique("Reyes");
  const { caseId, etag } = await caseWithPlan(request, admin, lastName);
  // The intervention on the 10th of next month, 08:00 UTC.
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 10, 8, 0));
  const scheduled = await request.patch(`/api/v1/cases/${caseId}/plan`, {
    headers: { ...admin, "If-Match": etag },
    data: { scheduled_at: first.toISOString() },
  });
  expect(scheduled.status(), await scheduled.text()).toBe(200);

  const dueOf = async (prefix: string) => {
    const tasks = (await (await request.get(`/api/v1/cases/${caseId}/tasks?limit=200`, { headers: admin })).json()) as {
      items: { id: string; title: string; due_at: string | null }[];
    };
    return tasks.items.find((t) => t.title.startsWith(prefix))!;
  };
  const meetingBefore = await dueOf("Hold the intervention meeting");
  expect(new Date(meetingBefore.due_at!).getTime()).toBe(first.getTime());
  // Someone moves the letters by hand: they stay where they were put.
  const letters = await dueOf("Send a first draft of each impact letter");
  const byHand = new Date(first.getTime() - 9 * 86_400_000).toISOString();
  expect((await request.patch(`/api/v1/tasks/${letters.id}`, { headers: admin, data: { due_at: byHand } })).status()).toBe(200);

  await signIn(page);
  await page.goto(`/cases/${caseId}?tab=tasks`);
  const meeting = page.getByRole("listitem", { name: "Hold the intervention meeting" });
  const lettersItem = page.getByRole("listitem", { name: /^Send a first draft of each impact letter/ });
  const due = (item: typeof meeting) => item.getByText(/^Due /).innerText();
  const meetingText = await due(meeting);
  const lettersText = await due(lettersItem);
  const rehearsal = page.getByRole("listitem", { name: /^Hold the final rehearsal/ });
  const rehearsalText = await due(rehearsal);

  // Rescheduled in the plan, ten days later, through the picker.
  await page.getByRole("tab", { name: "Plan" }).click();
  const plan = page.getByRole("form", { name: "Intervention plan" });
  await plan.getByRole("button", { name: "Date and time" }).click();
  const later = new Date(first.getTime() + 10 * 86_400_000);
  const dayLabel = `${later.getUTCDate()} ${later.toLocaleString("en-US", { month: "long", timeZone: "UTC" })} ${later.getUTCFullYear()}`;
  await page.getByRole("button", { name: dayLabel, exact: true }).click();
  await page.getByRole("button", { name: "Confirm date and time" }).click();
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Not saved")).toHaveCount(0);

  await page.getByRole("tab", { name: "Tasks" }).click();
  await expect.poll(() => due(meeting)).not.toBe(meetingText);
  await expect.poll(() => due(rehearsal)).not.toBe(rehearsalText);
  expect(await due(lettersItem)).toBe(lettersText);
  const planNow = (await (await request.get(`/api/v1/cases/${caseId}/plan`, { headers: admin })).json()) as { scheduled_at: string };
  const meetingAfter = await dueOf("Hold the intervention meeting");
  expect(meetingAfter.due_at).toBe(planNow.scheduled_at);
  expect(new Date(planNow.scheduled_at).getUTCDate()).toBe(later.getUTCDate());
  const rehearsalAfter = await dueOf("Hold the final rehearsal");
  expect(new Date(planNow.scheduled_at).getTime() - new Date(rehearsalAfter.due_at!).getTime()).toBe(86_400_000);
  expect(new Date((await dueOf("Send a first draft of each impact letter")).due_at!).getTime()).toBe(new Date(byHand).getTime());
  await captureWidths(page, "tasks-rescheduled");

  // Held: the preparation left open is offered for closing in one step.
  await planStep(request, admin, caseId, "submit");
  await planStep(request, admin, caseId, "approve");
  await planStep(request, admin, caseId, "deliver", { held_at: new Date(Date.now() - 3_600_000).toISOString(), result: "accepted" });
  await page.reload();
  const finished = page.getByTestId("finished-phase-preparation");
  await expect(finished).toContainText("preparation tasks are still open");
  await expectAccessible(page, "finished phase");
  await captureWidths(page, "tasks-finished-phase");
  await finished.getByRole("button", { name: /^Mark all \d+ done$/ }).click();
  await expect(finished).toBeHidden();
  await expect(lettersItem).toHaveCount(0); // the open list no longer shows it
  const open = (await (await request.get(`/api/v1/cases/${caseId}/task-phases`, { headers: admin })).json()) as {
    items: { phase: string; open_count: number }[];
  };
  expect(open.items.find((p) => p.phase === "preparation")!.open_count).toBe(0);
});
