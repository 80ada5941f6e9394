import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import {
  ADMIN,
  apiCreateCase,
  apiCreateUser,
  apiToken,
  captureWidths,
  expectAccessible,
  signIn,
  unique,
} from "./helpers";

test("a supervisor reads the dashboard, changes the range and downloads a CSV", async ({ page, request }) => {
  const admin = await apiToken(request);
  const email = `${unique("sup")}@harbor-e2e.org`;
  const password = "supervisor-password-e2e";
  await apiCreateUser(request, admin, { email, full_name: "Sam Supervisor", role: "supervisor", password });
  const lastName = unique("Reportcase");
  await apiCreateCase(request, admin, { first_name: "Robin", last_name: lastName }, { intervention_model: "craft" });

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByText("The whole practice")).toBeVisible();
  await expect(page.getByRole("region", { name: "Cases by status" })).toBeVisible();
  // Every status carries its count, a status with no case too (a bar of 0 has no label).
  const byStatus = page.getByRole("region", { name: "Cases by status" });
  for (const status of ["Intake", "Planning", "Scheduled", "Intervention held", "In treatment", "Aftercare", "Closed"]) {
    // (A long name may wrap onto two lines of the axis, losing the space between them.)
    await expect(byStatus).toContainText(new RegExp(`${status.replace(" ", "\\s*")}\\s*\\(\\d+\\)`));
  }
  await expect(page.getByRole("region", { name: "Treatment entry by model" })).toContainText("64%");
  await expect(page.getByText("New cases", { exact: true }).first()).toBeVisible();
  await expectAccessible(page, "reports");
  await captureWidths(page, "reports");

  // The range: from the first of this month to today.
  const asked = page.waitForRequest((r) => r.url().includes("/api/v1/reports/summary?") && r.url().includes("from="));
  await page.getByLabel("Date range").click();
  const days = page.locator("table button:not([data-outside])");
  await days.getByText(/^1$/).first().click();
  await days.getByText(new RegExp(`^${new Date().getDate()}$`)).first().click();
  const summaryRequest = await asked;
  const from = new URL(summaryRequest.url()).searchParams.get("from") ?? "";
  expect(from).toMatch(/^\d{4}-\d{2}-01$/);
  await expect(page.getByText(new RegExp(`${from} to `))).toBeVisible();
  // The range is in the address: a reload (or a shared link) shows the same report.
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await page.reload();
  await expect(page.getByText(new RegExp(`${from} to `))).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Cases CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toContain(`cairn-cases-${from}_`);
  const text = readFileSync((await download.path()) ?? "", "utf-8");
  expect(text.split("\n")[0]).toContain("id,reference,client_first_name,client_last_name");
  expect(text).toContain(lastName);
});

/** Only the landmark rules, moderate in axe's scale, so not in `expectAccessible`'s bar. */
async function expectNoDuplicateLandmarks(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withRules(["landmark-no-duplicate-banner", "landmark-unique", "landmark-one-main"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), label).toEqual([]);
}

/** An audit event as a phone shows it: every field on its card, none off-screen. */
async function expectWholeCard(card: Locator) {
  for (const part of [/Read/, /By Riley Reader/, /From \S+/]) await expect(card).toContainText(part);
  const box = await card.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390, "the card fits the phone's width").toBe(true);
}

test("an admin finds who read a case in its access log, and the audit log lists it", async ({ page, request }) => {
  const admin = await apiToken(request);
  const email = `${unique("reader")}@harbor-e2e.org`;
  const password = "reader-password-e2e";
  await apiCreateUser(request, admin, { email, full_name: "Riley Reader", role: "supervisor", password });
  const created = await apiCreateCase(request, admin, { first_name: "Quinn", last_name: unique("Accesslog") });
  const other = await apiCreateCase(request, admin, { first_name: "Otto", last_name: unique("Accesslog") });
  const reader = await apiToken(request, email, password);
  expect((await request.get(`/api/v1/cases/${created.id}`, { headers: reader })).status()).toBe(200);
  expect((await request.get(`/api/v1/cases/${other.id}`, { headers: reader })).status()).toBe(200);

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/cases/${created.id}`);
  await page.getByRole("button", { name: "Access log" }).click();
  const dialog = page.getByRole("dialog", { name: `Access log of ${created.reference}` });
  await expect(dialog.getByRole("row").filter({ hasText: "Riley Reader" }).first()).toContainText("Read");
  await expectAccessible(page, "access-log");
  await expectNoDuplicateLandmarks(page, "access-log");
  // On a phone each event is a card with all its fields.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectWholeCard(dialog.getByTestId("audit-row").filter({ hasText: "Riley Reader" }).first());
  await expectAccessible(page, "access-log at 390 px");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press("Escape");

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const caseField = page.getByRole("textbox", { name: "Case" });
  // Text that names no case is refused in the field, not silently ignored.
  await caseField.fill("Quinn");
  await expect(page.getByText("Not a case reference (such as C-2026-0027) or case id")).toBeVisible();
  // The inline error is dark enough to read (Mantine's own red fails the contrast check).
  await expectAccessible(page, "audit-log case error");
  await expect(page.getByTestId("audit-row")).toHaveCount(0);
  // The reference as the case shows it (typed in any letter case) filters the log.
  await caseField.fill(created.reference.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`case=${created.reference}`));
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "Riley Reader" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: other.reference })).toHaveCount(0);
  // The Record column names the case by its reference, a link to it.
  const caseLinks = rows.getByRole("link", { name: created.reference });
  await expect(caseLinks.first()).toHaveAttribute("href", `/cases/${created.id}`);
  await page.getByRole("textbox", { name: "Action" }).click();
  await page.getByRole("option", { name: "Read" }).click();
  await expect(page).toHaveURL(/action=read/);
  await expectAccessible(page, "audit-log");

  // The filters are in the address: a reload (or a shared link) shows the same log.
  await page.reload();
  await expect(caseField).toHaveValue(created.reference);
  await expect(page.getByRole("textbox", { name: "Action" })).toHaveValue("Read");
  await expect(rows.filter({ hasText: "Riley Reader" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: /Create/ })).toHaveCount(0);

  // A phone: cards, every field visible, nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectWholeCard(rows.filter({ hasText: "Riley Reader" }).first());
  await expect(rows.first().getByRole("link", { name: created.reference })).toBeVisible();
  await expectAccessible(page, "audit-log at 390 px");
  await captureWidths(page, "audit-log");
  await page.setViewportSize({ width: 1280, height: 800 });

  await caseLinks.first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${created.id}$`));
});

/** Puts the practice in `zone` (and back where the rest of the suite expects it after). */
async function setZone(request: APIRequestContext, zone: string) {
  const response = await request.patch("/api/v1/organization", {
    headers: await apiToken(request),
    data: { time_zone: zone },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe("the audit log's days", () => {
  // The browser's clock is not the practice's: the days must follow the practice.
  test.use({ timezoneId: "America/Los_Angeles" });

  test("are whole days on the practice's calendar, and the picker passes axe", async ({ page, request }) => {
    // UTC+14 all year: its midnight is neither UTC's nor the browser's.
    const zone = "Pacific/Kiritimati";
    await setZone(request, zone);
    try {
      const created = await apiCreateCase(request, await apiToken(request), {
        first_name: "Dana",
        last_name: unique("Dayfilter"),
      });
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
      const dayAfter = new Date(`${today}T00:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);

      await signIn(page);
      await page.goto("/audit");
      await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
      await page.getByRole("button", { name: "Days" }).click();
      const calendar = page.getByRole("dialog", { name: "Choose the days of the audit log" });
      await expect(calendar).toBeVisible();
      await expectAccessible(page, "audit-log days picker");
      // The calendar opens on the browser's month; the practice's today may be in the next.
      const monthLabel = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(`${today}T12:00:00Z`),
      );
      const level = calendar.getByRole("button", { name: "Choose a month" });
      if ((await level.textContent()) !== monthLabel) await calendar.getByRole("button", { name: "Next month" }).click();
      await expect(level).toHaveText(monthLabel);
      // No day after today; one day is a whole range (clicked twice).
      const day = calendar.locator("table button").getByText(new RegExp(`^${Number(today.slice(8))}$`), { exact: true });
      const asked = page.waitForRequest((r) => r.url().includes("/api/v1/audit-events?") && r.url().includes("since="));
      await day.click();
      await day.click();
      const query = new URL((await asked).url()).searchParams;
      expect(query.get("since")).toBe(new Date(`${today}T00:00:00+14:00`).toISOString());
      expect(query.get("until")).toBe(new Date(`${dayAfter.toISOString().slice(0, 10)}T00:00:00+14:00`).toISOString());
      await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}|to=${today}.*from=${today}`));
      const rows = page.getByTestId("audit-row");
      await expect(rows.filter({ hasText: created.reference }).first()).toBeVisible();

      // Reloaded, the same days and the same rows.
      const again = page.waitForRequest((r) => r.url().includes("/api/v1/audit-events?") && r.url().includes("since="));
      await page.reload();
      expect(new URL((await again).url()).searchParams.get("since")).toBe(query.get("since"));
      await expect(rows.filter({ hasText: created.reference }).first()).toBeVisible();
    } finally {
      await setZone(request, "America/New_York");
    }
  });
});
