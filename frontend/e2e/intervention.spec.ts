import { type Locator, type Page } from "@playwright/test";
import { statSync } from "node:fs";
import {
  ARTIFACTS,
  apiCreateCase,
  apiCreateUser,
  apiToken,
  captureWidths,
  expectAccessible,
  signIn,
  unique,
  expect,
  test,
} from "./helpers";

const PASSWORD = "a-long-enough-password-e2e";

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button").last().click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/** Pick an option of a Mantine Select. */
async function choose(scope: Locator, label: string, option: string) {
  await scope.getByRole("textbox", { name: label, exact: true }).click();
  await scope.page().getByRole("option", { name: option, exact: true }).click();
}

/** Today at the given time, through Mantine's DateTimePicker. */
async function pickToday(page: Page, field: Locator, hours: string, minutes: string) {
  await field.click();
  const today = new Date();
  const label = `${today.getDate()} ${today.toLocaleString("en-US", { month: "long" })} ${today.getFullYear()}`;
  await page.getByRole("button", { name: label, exact: true }).click();
  await page.getByLabel("Hours").fill(hours);
  await page.getByLabel("Minutes").fill(minutes);
  await page.getByRole("button", { name: "Confirm date and time" }).click();
}

test("an interventionist plans an ARISE intervention, a supervisor approves it, it is delivered", async ({ page, request, consoleErrors }) => {
  test.setTimeout(300_000);
  // The first participant's bad phone number is refused on purpose; the browser logs that 422.
  consoleErrors.allow(/status of 422 .*\/participants\)/);
  const admin = await apiToken(request);
  const interventionist = { email: `${unique("iv")}@harbor-e2e.org`, full_name: "Ines Interventionist", role: "interventionist", password: PASSWORD };
  const supervisor = { email: `${unique("sv")}@harbor-e2e.org`, full_name: "Sam Supervisor", role: "supervisor", password: PASSWORD };
  const ivUser = await apiCreateUser(request, admin, interventionist);
  await apiCreateUser(request, admin, supervisor);

  // The interventionist opens a case.
  await signIn(page, interventionist.email, PASSWORD);
  const lastName = unique("Okafor");
  await page.getByRole("button", { name: "New case" }).first().click();
  const newCase = page.getByRole("dialog", { name: "New case" });
  await newCase.getByLabel("First name").fill("Daniel");
  await newCase.getByLabel("Last name").fill(lastName);
  await newCase.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(lastName) })).toBeVisible();
  const caseId = page.url().split("/cases/")[1]!.split("?")[0]!;

  // A plan from the ARISE template: its sections come with guidance, its action items become tasks.
  await page.getByRole("tab", { name: "Plan" }).click();
  await expect(page.getByRole("heading", { name: "Start the intervention plan" })).toBeVisible();
  await expectAccessible(page, "plan templates");
  await captureWidths(page, "plan-templates");
  await page.getByRole("button", { name: "Use this template: ARISE" }).click();
  await expect(page.getByLabel("Plan status: Draft")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Level 1: The first call" })).toBeVisible();

  // Four participants.
  await page.getByRole("tab", { name: "Participants" }).click();
  await expect(page.getByText("No participants yet")).toBeVisible();
  await expectAccessible(page, "participants empty");
  const people = [
    { name: "Grace Okafor", relationship: "Sibling", role: "Team leader" },
    { name: "Ruth Okafor", relationship: "Parent", role: "Speaker" },
    { name: "Tom Reyes", relationship: "Friend", role: "Speaker" },
    { name: "Ade Bello", relationship: "Coworker", role: "Supporter" },
  ];
  for (const [index, person] of people.entries()) {
    await page.getByRole("button", { name: "Add participant" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add participant" });
    if (index === 0) {
      // Required fields are flagged next to the inputs; the API's own checks land there too.
      await dialog.getByRole("button", { name: "Add participant" }).click();
      await expect(dialog.getByText("Enter the participant's name")).toBeVisible();
      await dialog.getByLabel("Phone").fill("call me");
    }
    await dialog.getByLabel("Full name").fill(person.name);
    await choose(dialog, "Relationship", person.relationship);
    await choose(dialog, "Role", person.role);
    if (index < 3) await choose(dialog, "Readiness", "Committed");
    if (index === 0) {
      await dialog.getByRole("button", { name: "Add participant" }).click();
      await expect(dialog.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
      await dialog.getByLabel("Phone").fill("+1 555 010 2030");
    }
    await dialog.getByRole("button", { name: "Add participant" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("listitem", { name: person.name })).toBeVisible();
  }
  await expect(page.getByRole("listitem", { name: "Grace Okafor" })).toContainText("Committed");
  await expect(page.getByRole("listitem", { name: "Ade Bello" })).toContainText("Not contacted");

  // Grace writes her letter in the roomy editor.
  await page.getByRole("button", { name: "Letter of Grace Okafor" }).click();
  const letterDialog = page.getByRole("dialog", { name: "Letter — Grace Okafor" });
  await letterDialog.getByLabel(/^Letter to/).fill("Danny, I love you. Last Christmas you missed dinner.\n\nPlease accept help today.");
  await expect(letterDialog.getByText("13 words")).toBeVisible();
  await letterDialog.getByLabel("Bottom line").fill("I will no longer lend you money.");
  await expectAccessible(page, "letter editor");
  await captureWidths(page, "letter-editor");
  await letterDialog.getByRole("button", { name: "Save letter" }).click();
  await expect(letterDialog).toBeHidden();
  await expect(page.getByRole("listitem", { name: "Grace Okafor" })).toContainText("13 words");

  // Speaking order: Tom moves to the front with the keyboard (drag handle, Space, arrows, Space).
  const order = page.getByRole("list", { name: "Speaking order" });
  await expect(order.getByRole("listitem")).toHaveCount(4);
  await expect(order.getByRole("listitem").first()).toContainText("Grace Okafor");
  await order.getByRole("button", { name: /^Reorder Tom Reyes/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(150);
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(150);
  await page.keyboard.press("Space");
  await expect(order.getByRole("listitem").first()).toContainText("Tom Reyes");
  // The buttons do the same: Ade moves up one.
  await order.getByRole("button", { name: "Move Ade Bello up" }).click();
  const expected = ["Tom Reyes", "Grace Okafor", "Ade Bello", "Ruth Okafor"];
  for (const [i, name] of expected.entries()) await expect(order.getByRole("listitem").nth(i)).toContainText(name);
  await expect(page.getByText("Not saved")).toBeVisible();
  await page.getByRole("button", { name: "Save speaking order" }).click();
  await expect(page.getByText("Not saved")).toBeHidden();
  await expectAccessible(page, "participants tab");
  await captureWidths(page, "participants");
  await page.reload();
  for (const [i, name] of expected.entries()) await expect(order.getByRole("listitem").nth(i)).toContainText(name);

  // The plan: a section, the logistics, a treatment option.
  await page.getByRole("tab", { name: "Plan" }).click();
  const plan = page.getByRole("form", { name: "Intervention plan" });
  await plan.getByRole("textbox", { name: "Level 1: The first call" }).fill("Grace calls Danny on Sunday and invites him to meet on Tuesday.");
  await pickToday(page, plan.getByRole("button", { name: "Date and time" }), "18", "30");
  await plan.getByLabel("Location").fill("The Okafor family home");
  await plan.getByLabel("Logistics").fill("Grace collects Danny from work at 17:30. Bag packed in her car.");
  await plan.getByRole("button", { name: "Add treatment option" }).click();
  await plan.getByLabel("Program").fill("Hazel House");
  await choose(plan, "Level of care", "ASAM 3.5 — High-intensity residential");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  // Moving the plan on waits for the save.
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeDisabled();
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await expectAccessible(page, "plan tab");
  await captureWidths(page, "plan");

  // The revision history compares two versions field by field.
  await page.getByRole("button", { name: "Show history" }).click();
  const changes = page.getByRole("list", { name: /^Changes from version/ });
  await expect(changes).toContainText("Location");
  await expect(changes).toContainText("The Okafor family home");
  await expect(changes).toContainText("Section: Level 1: The first call");
  await expectAccessible(page, "plan revisions");

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByLabel("Plan status: In review")).toBeVisible();
  await expect(page.getByText("Waiting for a supervisor or an admin to approve it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The action plan: template tasks, one added by hand, completed with one click.
  await page.getByRole("tab", { name: "Tasks" }).click();
  await expect(page.getByText("From template").first()).toBeVisible();
  await page.getByRole("button", { name: "Add task" }).first().click();
  const taskDialog = page.getByRole("dialog", { name: "Add task" });
  await taskDialog.getByLabel("Title").fill("Confirm the bed hold with Hazel House");
  await choose(taskDialog, "Phase", "Preparation");
  await taskDialog.getByRole("textbox", { name: "Assigned to" }).click();
  await page.getByRole("option", { name: "Ines Interventionist" }).click();
  await taskDialog.getByRole("button", { name: "Add task" }).click();
  await expect(taskDialog).toBeHidden();
  const added = page.getByRole("listitem", { name: "Confirm the bed hold with Hazel House" });
  await expect(added).toContainText("Ines Interventionist");
  await added.getByRole("checkbox").click();
  await expect(added).toBeHidden(); // the list shows open tasks
  const statusFilter = page.locator(".mantine-SegmentedControl-root");
  await statusFilter.getByText("Done", { exact: true }).click();
  await expect(added.getByRole("checkbox")).toBeChecked();
  await statusFilter.getByText("Open", { exact: true }).click();
  await expectAccessible(page, "tasks tab");
  await captureWidths(page, "tasks");

  // My tasks: an overdue task assigned through the API shows up, and can be completed from there.
  const ivHeaders = await apiToken(request, interventionist.email, PASSWORD);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  const overdueTask = await request.post(`/api/v1/cases/${caseId}/tasks`, {
    headers: ivHeaders,
    data: { title: "Call Hazel House admissions", phase: "preparation", assignee: { user_id: ivUser.id }, due_at: yesterday },
  });
  expect(overdueTask.status()).toBe(201);
  await page.getByRole("link", { name: "My tasks" }).click();
  await expect(page.getByRole("heading", { name: "My tasks" })).toBeVisible();
  const mine = page.getByRole("listitem", { name: "Call Hazel House admissions" });
  await expect(mine).toContainText("Overdue");
  await page.getByRole("switch", { name: "Overdue only" }).check();
  await expect(page).toHaveURL(/overdue=true/);
  await page.reload();
  await expect(page.getByRole("switch", { name: "Overdue only" })).toBeChecked();
  await expect(mine).toBeVisible();
  await expectAccessible(page, "my tasks");
  await captureWidths(page, "my-tasks");
  await mine.getByRole("checkbox").click();
  await expect(page.getByText("Nothing overdue")).toBeVisible();
  await expectAccessible(page, "my tasks empty");

  // The supervisor approves; with a date set, the case is scheduled.
  await signOut(page);
  await signIn(page, supervisor.email, PASSWORD);
  await page.goto(`/cases/${caseId}?tab=plan`);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByLabel("Plan status: Approved")).toBeVisible();
  const header = page.getByRole("heading", { level: 1 }).locator("..");
  await expect(header).toContainText("Scheduled");

  // The run sheet prints cleanly.
  await page.getByRole("link", { name: "Print run sheet" }).click();
  await expect(page.getByRole("heading", { name: /^Run sheet/ })).toBeVisible();
  const speakers = page.getByRole("region", { name: "Speaking order" }).getByRole("listitem");
  await expect(speakers.first()).toContainText("Tom Reyes");
  await expect(speakers.nth(1)).toContainText("Please accept help today.");
  await expect(speakers.nth(1)).toContainText("I will no longer lend you money.");
  await expect(page.getByText("Hazel House")).toBeVisible();
  await expectAccessible(page, "run sheet");
  await captureWidths(page, "run-sheet");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: "My tasks" })).toBeHidden();
  await page.screenshot({ path: `${ARTIFACTS}/run-sheet-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  const pdf = `${ARTIFACTS}/run-sheet.pdf`;
  await page.pdf({ path: pdf, format: "A4", printBackground: false });
  expect(statSync(pdf).size).toBeGreaterThan(5_000);

  // Delivered: declined, so ARISE suggests the next level; the case moves on.
  await page.getByRole("link", { name: "← Back to the plan" }).click();
  await page.getByRole("button", { name: "Mark as delivered" }).click();
  const deliver = page.getByRole("dialog", { name: "Record the intervention" });
  await expectAccessible(page, "deliver dialog");
  await choose(deliver, "Result", "Declined");
  await deliver.getByLabel("Notes").fill("Danny left after the third letter.");
  await deliver.getByRole("button", { name: "Record" }).click();
  await expect(deliver).toBeHidden();
  await expect(page.getByLabel("Plan status: Delivered")).toBeVisible();
  await expect(page.getByText("Suggested next step")).toBeVisible();
  await expect(page.getByText(/ARISE: move to the next level/)).toBeVisible();
  await expect(header).toContainText("Intervention held");
  await expect(page.getByRole("button", { name: "Save plan" })).toHaveCount(0);

  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByText("Scheduled → Intervention held")).toBeVisible();
});

test("a plan changed by someone else meanwhile is not overwritten, and nothing typed is lost", async ({ page, request, consoleErrors }) => {
  // The stale save is refused on purpose; the browser logs that 412.
  consoleErrors.allow(/status of 412 .*\/plan\)/);
  const headers = await apiToken(request);
  const lastName = unique("Hale");
  const created = await apiCreateCase(request, headers, { first_name: "Mia", last_name: lastName });
  const planResponse = await request.post(`/api/v1/cases/${created.id}/plan`, { headers, data: { template: "johnson" } });
  expect(planResponse.status()).toBe(201);

  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=plan`);
  const plan = page.getByRole("form", { name: "Intervention plan" });
  await plan.getByLabel("Location").fill("My location");
  await plan.getByRole("textbox", { name: "Impact letters" }).fill("Letters reviewed on Monday.");

  // Someone else saves the plan with their own token.
  const other = await apiToken(request);
  const current = await request.get(`/api/v1/cases/${created.id}/plan`, { headers: other });
  const etag = current.headers()["etag"]!;
  const patched = await request.patch(`/api/v1/cases/${created.id}/plan`, {
    headers: { ...other, "If-Match": etag },
    data: { location: "Their location" },
  });
  expect(patched.status()).toBe(200);
  // Without If-Match the API refuses outright.
  const blind = await request.patch(`/api/v1/cases/${created.id}/plan`, { headers: other, data: { location: "x" } });
  expect(blind.status()).toBe(428);

  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This plan was changed by someone else — reload to see their changes" })).toBeVisible();
  // The user's edits stay until they choose to reload.
  await expect(plan.getByLabel("Location")).toHaveValue("My location");
  await expect(plan.getByRole("textbox", { name: "Impact letters" })).toHaveValue("Letters reviewed on Monday.");
  await expectAccessible(page, "plan conflict");

  await page.getByRole("button", { name: "Reload" }).click();
  await expect(plan.getByLabel("Location")).toHaveValue("Their location");
  await plan.getByLabel("Location").fill("Agreed location");
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  const after = await request.get(`/api/v1/cases/${created.id}/plan`, { headers: other });
  expect(((await after.json()) as { location: string }).location).toBe("Agreed location");
});

test("without a plan, the speaking order is kept on the participants; a participant in the plan cannot be removed", async ({ page, request, consoleErrors }) => {
  // Removing a participant who is in the plan is refused on purpose; the browser logs that 409.
  consoleErrors.allow(/status of 409 .*\/api\/v1\/participants\//);
  const headers = await apiToken(request);
  const created = await apiCreateCase(request, headers, { first_name: "Lee", last_name: unique("Park") });
  for (const full_name of ["Ann Park", "Ben Park"]) {
    const r = await request.post(`/api/v1/cases/${created.id}/participants`, {
      headers,
      data: { full_name, relationship: "sibling", role: "speaker" },
    });
    expect(r.status()).toBe(201);
  }
  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=participants`);
  await expect(page.getByText("This case has no intervention plan yet, so the order is saved on each participant.")).toBeVisible();
  // Nobody moved anyone yet: nothing is "not saved".
  await expect(page.getByText("Not saved")).toBeHidden();
  const order = page.getByRole("list", { name: "Speaking order" });
  await order.getByRole("button", { name: "Move Ben Park up" }).click();
  await page.getByRole("button", { name: "Save speaking order" }).click();
  await expect(page.getByText("Not saved")).toBeHidden();
  const list = await request.get(`/api/v1/cases/${created.id}/participants`, { headers });
  const byName = Object.fromEntries(
    ((await list.json()) as { items: { full_name: string; speaking_order: number }[] }).items.map((p) => [p.full_name, p.speaking_order]),
  );
  expect(byName).toEqual({ "Ann Park": 2, "Ben Park": 1 });

  // Create a plan and put Ann in it: removing her is refused with the API's reason.
  await request.post(`/api/v1/cases/${created.id}/plan`, { headers, data: {} });
  await page.reload();
  await page.getByRole("button", { name: "Save speaking order" }).click();
  await expect(page.getByText("Not saved")).toBeHidden();
  await page.getByRole("button", { name: "Remove Ann Park" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove Ann Park?" });
  await confirm.getByRole("button", { name: "Remove" }).click();
  await expect(confirm.getByRole("alert")).toContainText(/speaking order|plan/i);
});
