import { type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN, apiCreateCase, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

const PHONE = { width: 390, height: 844 };
const PORTAL_PASSWORD = "a long family password";

async function apiPost(request: APIRequestContext, headers: Record<string, string>, path: string, data: unknown, status = 201) {
  const response = await request.post(`/api/v1${path}`, { headers, data });
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

async function apiParticipant(request: APIRequestContext, headers: Record<string, string>, caseId: string, fullName: string, email: string) {
  return (await apiPost(request, headers, `/cases/${caseId}/participants`, {
    full_name: fullName,
    relationship: "sibling",
    role: "speaker",
    readiness: "committed",
    email,
  })) as { id: string };
}

async function phonePage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, viewport: PHONE, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

/** Answer a radio group of the check-in by its question and the answer's words. */
async function answer(page: Page, question: RegExp, choice: string) {
  const words = choice.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await page.getByRole("radiogroup", { name: question }).getByRole("radio", { name: new RegExp(`^${words}( \\(\\d\\))?$`) }).click();
}

test("invite a family member, who checks in with a safety answer; staff see and acknowledge the alert", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  const headers = await apiToken(request);
  const lastName = unique("Hale");
  const created = await apiCreateCase(request, headers, { first_name: "Jordan", last_name: lastName });
  const email = `${unique("sam")}@family-e2e.org`;
  const sister = await apiParticipant(request, headers, created.id, `Sam ${lastName}`, email);
  await apiPost(request, headers, `/cases/${created.id}/goals`, {
    subject: sister.id,
    title: "Al-Anon meetings",
    metric: "meetings a week",
    unit: "meetings",
    target_value: 1,
    direction: "at_least",
  });

  // Staff: schedule weekly check-ins for the sister and invite her.
  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=check-ins`);
  await page.getByRole("button", { name: "Schedule check-ins" }).click();
  const scheduleDialog = page.getByRole("dialog", { name: "Schedule check-ins" });
  await scheduleDialog.getByLabel("Who checks in").click();
  await page.getByRole("option", { name: `Sam ${lastName}` }).click();
  await scheduleDialog.getByRole("button", { name: "Schedule check-ins" }).click();
  await expect(scheduleDialog).toBeHidden();
  const schedules = page.getByRole("table", { name: "Check-in schedules" });
  await expect(schedules.getByRole("row", { name: new RegExp(`Sam ${lastName}`) })).toContainText("Every week");
  await expect(schedules).toContainText("none due yet");

  // Inviting the client, who has no email on record, shows the API's reason.
  await page.getByRole("button", { name: /^Invite Jordan/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Add an email address for the client first" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Portal access" }).getByRole("row", { name: /^Jordan/ })).toContainText("Not invited");

  await page.getByRole("button", { name: `Invite Sam ${lastName}` }).click();
  const invitation = page.getByRole("dialog", { name: `Invitation for Sam ${lastName}` });
  await expect(invitation).toBeVisible();
  const code = (await invitation.getByTestId("invitation-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const link = await invitation.getByLabel("Link to accept").inputValue();
  expect(link).toBe(`${new URL(page.url()).origin}/portal/accept?code=${code}`);
  await expect(invitation).toContainText(email);
  await expectAccessible(page, "invitation modal");
  await invitation.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Portal access" }).getByRole("row", { name: new RegExp(`Sam ${lastName}`) })).toContainText(
    "Invited",
  );
  await expectAccessible(page, "check-ins tab");
  await captureWidths(page, "checkins-tab");

  // The sister, on her phone: accept, see what is due, check in.
  const phone = await phonePage(browser, baseURL);
  const portal = phone.page;
  await portal.goto(link);
  await expect(portal.getByRole("heading", { name: "Welcome to Cairn" })).toBeVisible();
  await expect(portal.getByLabel("Invitation code")).toHaveValue(code);
  // Before choosing a password she sees the invitation is hers, from her practice.
  await expect(portal.getByTestId("invitation-preview")).toContainText("Hello Sam.");
  await expect(portal.getByTestId("invitation-preview")).not.toContainText(lastName);
  await expect(portal.getByText(`You will sign in as s•••@${email.split("@")[1]}`)).toBeVisible();
  await expectAccessible(portal, "portal accept");
  await captureWidths(portal, "portal-accept");
  await portal.getByLabel("Choose a password").fill(PORTAL_PASSWORD);
  await portal.getByLabel("Type it again").fill(PORTAL_PASSWORD);
  await portal.getByRole("button", { name: "Set password and continue" }).click();

  await expect(portal.getByRole("heading", { name: `Hello, Sam ${lastName}` })).toBeVisible();
  await expect(portal.getByText("Next check-in:")).toBeVisible();
  await expectAccessible(portal, "portal home");
  await captureWidths(portal, "portal-home");

  await portal.getByRole("link", { name: /Check in now/ }).click();
  await expect(portal.getByText("Step 1 of 4")).toBeVisible();
  await answer(portal, /keep the commitments/, "Yes");
  await answer(portal, /how are you doing yourself/, "Okay");
  await expectAccessible(portal, "portal check-in");
  await captureWidths(portal, "portal-checkin");
  await portal.getByRole("button", { name: "Next" }).click();

  await expect(portal.getByRole("heading", { name: "Your goals" })).toBeFocused();
  await portal.getByLabel("Al-Anon meetings").fill("1");
  await portal.getByRole("button", { name: "Next" }).click();

  // Every safety question needs an answer; a yes shows where to get help now.
  await portal.getByRole("button", { name: "Next" }).click();
  await expect(portal.getByText("Please answer yes or no.")).toHaveCount(3);
  await answer(portal, /overdose/, "No");
  await answer(portal, /hurting yourself/, "Yes");
  await answer(portal, /violence/, "No");
  await expect(portal.getByRole("alert").filter({ hasText: "988" })).toContainText("911");
  await expectAccessible(portal, "portal safety step");
  await captureWidths(portal, "portal-safety");
  await portal.getByRole("button", { name: "Next" }).click();
  await portal.getByLabel(/anything else/).fill("Hard week; he said things that scared me.");
  await portal.getByRole("button", { name: "Send check-in" }).click();
  await expect(portal.getByRole("heading", { name: "Thank you — your check-in was sent" })).toBeVisible();
  await expect(portal.getByRole("alert").filter({ hasText: "988" })).toBeVisible();
  await expectAccessible(portal, "portal sent");

  await portal.getByRole("link", { name: "Back to home" }).click();
  await portal.getByRole("link", { name: "My goals" }).click();
  await expect(portal.getByRole("article", { name: "Al-Anon meetings" })).toContainText("1 meetings");
  await expectAccessible(portal, "portal goals");
  await captureWidths(portal, "portal-goals");
  await portal.goto("/portal/plan");
  await expect(portal.getByRole("heading", { name: "The plan and my part" })).toBeVisible();
  await expectAccessible(portal, "portal plan");
  await portal.goto("/portal/resources");
  await expect(portal.locator("main a[href='sms:988']").first()).toBeVisible();
  await expectAccessible(portal, "portal resources");
  await captureWidths(portal, "portal-resources");
  await phone.context.close();

  // Staff: the banner is impossible to miss; acknowledge the alert from the inbox.
  await page.goto(`/cases/${created.id}?tab=check-ins`);
  const banner = page.getByTestId("critical-alerts-banner");
  await expect(banner).toContainText(/critical alerts? needs? attention/);
  await expect(page.getByTestId("alerts-nav-badge")).toBeVisible();
  const history = page.getByRole("table", { name: "Check-in history" });
  await expect(history.getByRole("row", { name: new RegExp(`Sam ${lastName}`) })).toContainText("Critical risk");
  await expect(history).toContainText("Self-harm thoughts");

  await banner.getByRole("link", { name: "Review critical alerts" }).click();
  await expect(page).toHaveURL(/\/alerts\?severity=critical/);
  const card = page.getByRole("listitem").filter({ hasText: created.reference });
  await expect(card).toContainText("thoughts of self-harm");
  await expectAccessible(page, "alerts inbox");
  await captureWidths(page, "alerts");
  await card.getByRole("button", { name: /^Acknowledge/ }).click();
  const ack = page.getByRole("dialog", { name: "Acknowledge alert" });
  await ack.getByLabel("What was done").fill("Called Sam and Jordan; Jordan is with his sister tonight.");
  await expectAccessible(page, "acknowledge dialog");
  await ack.getByRole("button", { name: "Acknowledge" }).click();
  await expect(ack).toBeHidden();
  await expect(page.getByRole("listitem").filter({ hasText: created.reference })).toHaveCount(0);

  // It is kept, acknowledged, with the note.
  await page.getByRole("textbox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Acknowledged" }).click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(page.getByRole("listitem").filter({ hasText: created.reference })).toContainText("Jordan is with his sister tonight");
});

test("a check-in sent while offline is kept on the phone and sent once when back online", async ({ request, browser, baseURL }) => {
  const headers = await apiToken(request);
  const email = `${unique("riley")}@client-e2e.org`;
  const created = await apiCreateCase(request, headers, { first_name: "Riley", last_name: unique("Stone"), email } as never);
  await apiPost(request, headers, `/cases/${created.id}/check-in-schedules`, { respondent: "client", cadence_days: 7, grace_hours: 24, active: true });
  const invitation = (await apiPost(request, headers, `/cases/${created.id}/invitations`, { respondent: "client" })) as { code: string };
  const accepted = await request.post("/api/v1/auth/accept-invite", { data: { code: invitation.code, password: PORTAL_PASSWORD } });
  expect(accepted.status()).toBe(200);

  // A goal that the support step's meetings question measures: no separate goals step.
  const meetings = (await apiPost(request, headers, `/cases/${created.id}/goals`, {
    subject: "client",
    title: "Go to meetings",
    metric: "days with a support meeting per week",
    unit: "days",
    target_value: 3,
    direction: "at_least",
    check_in_item: "meetings_attended",
  })) as { id: string };

  const phone = await phonePage(browser, baseURL);
  const portal = phone.page;
  // The invitation link, opened again once used, says so before anyone types a password.
  await portal.goto(`/portal/accept?code=${invitation.code}`);
  await expect(portal.getByRole("alert").filter({ hasText: "This invitation code is not valid any more" })).toBeVisible();
  await portal.goto("/portal/check-in");
  await expect(portal).toHaveURL(/\/portal\/login/);
  await expectAccessible(portal, "portal login");
  await captureWidths(portal, "portal-login");
  await portal.getByLabel("Email").fill(email);
  await portal.getByLabel("Password").fill(PORTAL_PASSWORD);
  await portal.getByRole("button", { name: "Sign in" }).click();

  await expect(portal.getByText("Step 1 of 5")).toBeVisible();
  await portal.getByRole("button", { name: "Next" }).click();
  await expect(portal.getByText("Choose a number of days — 0 if you did not use.")).toBeVisible();
  await answer(portal, /how many days did you drink or use/, "0");
  await portal.getByRole("button", { name: "Next" }).click();
  await answer(portal, /cravings/, "A little");
  await answer(portal, /mood/, "Good");
  await answer(portal, /arguments or problems getting along/, "Slightly");
  await expectAccessible(portal, "portal feelings step");
  await portal.getByRole("button", { name: "Next" }).click();
  await answer(portal, /confident/, "Quite");
  await answer(portal, /go to a support meeting/, "2");
  await answer(portal, /work, school or volunteering/, "5");
  await answer(portal, /talk with someone/, "Yes");
  await portal.getByRole("button", { name: "Next" }).click();
  await answer(portal, /overdose/, "No");
  await answer(portal, /hurting yourself/, "No");
  await answer(portal, /violence/, "No");
  await expect(portal.getByText("call or text 988", { exact: false }).first()).toBeHidden();
  await portal.getByRole("button", { name: "Next" }).click();

  await phone.context.setOffline(true);
  await portal.getByRole("button", { name: "Send check-in" }).click();
  await expect(portal.getByRole("heading", { name: "Saved on this phone" })).toBeVisible();
  await expect(portal.getByText("Saved on this phone — will be sent when you're back online").first()).toBeVisible();
  const queued = await portal.evaluate(() => JSON.parse(localStorage.getItem("cairn.portal.outbox") ?? "[]") as { key: string }[]);
  expect(queued).toHaveLength(1);
  await expectAccessible(portal, "portal saved offline");
  await captureWidths(portal, "portal-offline");

  await phone.context.setOffline(false);
  await expect(portal.getByRole("heading", { name: "Thank you — your check-in was sent" })).toBeVisible({ timeout: 30_000 });
  expect(await portal.evaluate(() => localStorage.getItem("cairn.portal.outbox"))).toBeNull();

  // A reload sends nothing again: exactly one check-in reached the case.
  await portal.reload();
  await expect(portal.getByRole("heading", { name: "Thank you — your check-in was sent" })).toBeHidden();
  const list = await request.get(`/api/v1/cases/${created.id}/check-ins`, { headers });
  expect(list.status(), await list.text()).toBe(200);
  const body = (await list.json()) as { items: { risk_level: string; meetings_attended: number }[] };
  expect(body.items).toHaveLength(1);
  expect(body.items[0]).toMatchObject({ risk_level: "low", period_days: 7, meetings_attended: 2, family_conflict: 1, work_school_days: 5 });
  const goal = await request.get(`/api/v1/goals/${meetings.id}`, { headers });
  expect(((await goal.json()) as { latest_value: number | null }).latest_value).toBe(2);

  // The client is not shown the plan.
  await portal.goto("/portal/plan");
  await expect(portal.getByText("There is no plan to show you here.")).toBeVisible();
  await phone.context.close();
});

test("goals: add one, record a measurement, override its status by hand", async ({ page, request }) => {
  const headers = await apiToken(request);
  const lastName = unique("Moreno");
  const created = await apiCreateCase(request, headers, { first_name: "Ana", last_name: lastName });
  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=goals`);
  await expect(page.getByRole("heading", { name: "No goals yet" })).toBeVisible();
  await page.getByRole("button", { name: "Add goal" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New goal" });
  await dialog.getByRole("button", { name: "Add goal" }).click();
  await expect(dialog.getByText("Name the goal")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Goal", exact: true }).fill("Attend meetings");
  await dialog.getByLabel("What is measured").fill("Meetings attended per week");
  await dialog.getByLabel("Target").fill("3");
  await dialog.getByLabel("Unit").fill("meetings");
  await dialog.getByLabel("Baseline").fill("0");
  await expectAccessible(page, "goal form");
  await dialog.getByRole("button", { name: "Add goal" }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole("article", { name: "Attend meetings" });
  await expect(card).toContainText("at least 3 meetings");
  await expect(card).toContainText("In progress");
  for (const value of ["1", "2"]) {
    await card.getByRole("button", { name: /^Record measurement/ }).click();
    const measure = page.getByRole("dialog", { name: "Record a measurement" });
    await measure.getByLabel("Value (meetings)").fill(value);
    await measure.getByRole("button", { name: "Record" }).click();
    await expect(measure).toBeHidden();
  }
  await expect(card).toContainText("Improving");
  await expect(card).toContainText("2 meetings");
  await expect(card.locator(".recharts-surface")).toBeVisible();
  await expect(card.locator(".recharts-reference-line")).toHaveCount(1);

  await card.getByRole("button", { name: /^Edit/ }).click();
  const edit = page.getByRole("dialog", { name: "Edit goal" });
  await edit.getByLabel("Achievement status").click();
  await page.getByRole("option", { name: "Achieved (set by hand)", exact: true }).click();
  // From now on the check-in's own question measures it, so the check-in does not ask twice.
  await edit.getByRole("textbox", { name: "Measured by" }).click();
  await page.getByRole("option", { name: "Check-in answer: Days with a support meeting" }).click();
  await edit.getByRole("button", { name: "Save goal" }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText("Achieved (set by hand)");
  await expect(card).toContainText("Recorded from each check-in: Days with a support meeting");
  await expectAccessible(page, "goals tab");
  await captureWidths(page, "goals-tab");
});

test("a staff member who signs in on the portal is sent to the dashboard", async ({ page }) => {
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Staff land on the reports dashboard.
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
});

test("staff enter a 30-day check-in with the BAM items, and the case shows the BAM composites as trends", async ({ page, request }) => {
  const headers = await apiToken(request);
  const created = await apiCreateCase(request, headers, { first_name: "Morgan", last_name: unique("Reyes") });
  // Two weekly check-ins from the client first, so there is a trend to draw.
  for (const answers of [
    { days_used: 2, substances_used: ["alcohol"], craving: 3, mood: 1, family_conflict: 3, confidence: 1, meetings_attended: 0, work_school_days: 1 },
    { days_used: 0, craving: 1, mood: 3, family_conflict: 1, confidence: 3, meetings_attended: 3, work_school_days: 5 },
  ])
    await apiPost(request, headers, `/cases/${created.id}/check-ins`, { respondent: "client", period_days: 7, ...answers });

  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=check-ins`);
  await page.getByRole("button", { name: "Enter a check-in" }).click();
  const dialog = page.getByRole("dialog", { name: "Enter a check-in" });
  await answer(page, /Which days are you answering about/, "The last 30 days");
  const days = dialog.getByRole("textbox", { name: /In the last 30 days, on how many days did you drink or use drugs/ });
  await days.fill("31");
  await dialog.getByRole("button", { name: "Record check-in" }).click();
  await expect(dialog.getByText("At most 30 days.")).toBeVisible();
  await days.fill("4");
  await dialog.getByText("Alcohol", { exact: true }).click();
  await answer(page, /5 or more drinks/, "2");
  await answer(page, /arguments or problems getting along/, "Considerably");
  await dialog.getByRole("textbox", { name: /go to a support meeting/ }).fill("12");
  await dialog.getByRole("textbox", { name: /work, school or volunteering/ }).fill("20");
  for (const question of [/overdose/, /hurting yourself/, /violence/]) await answer(page, question, "No");
  await expectAccessible(page, "staff check-in with BAM items");
  await dialog.getByRole("button", { name: "Record check-in" }).click();
  await expect(dialog).toBeHidden();

  const history = page.getByRole("table", { name: "Check-in history" });
  const newest = history.getByRole("row").nth(1);
  await expect(newest).toContainText("4 of 30");
  await expect(newest).toContainText("3 · Considerably");
  await expect(newest).toContainText("12 of 30");
  await expect(newest).toContainText("20 of 30");
  await expect(page.getByText("Brief Addiction Monitor composites", { exact: true })).toBeVisible();
  await expect(page.locator("figcaption").filter({ hasText: "Brief Addiction Monitor composites over 3 check-ins" })).toHaveCount(1);
  // A fresh token: the browser's sign-in as the same person may have retired the first one.
  const listed = await request.get(`/api/v1/cases/${created.id}/check-ins?respondent=client&limit=1`, {
    headers: await apiToken(request),
  });
  expect(listed.status(), await listed.text()).toBe(200);
  const newestRead = ((await listed.json()) as { items: { period_days: number; bam: { use: number } }[] }).items[0]!;
  // 4 of 30 days used → 2, 2 heavy drinking days → 1.
  expect(newestRead).toMatchObject({ period_days: 30, bam: { use: 3 } });
  await expectAccessible(page, "check-ins tab with BAM trends");
});
