import { expect, test } from "@playwright/test";
import { apiCreateCase, apiCreateUser, apiToken, expectAccessible, signIn, unique } from "./helpers";

/** YYYY-MM-DD of a day `monthsBack` months before this one, on day `day`. */
function dayOf(monthsBack: number, day: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - monthsBack, day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

test("a supervisor narrows the dashboard by model and lead; the figures, the address and the CSV follow", async ({
  page,
  request,
}) => {
  const admin = await apiToken(request);
  const email = `${unique("sup")}@harbor-e2e.org`;
  const password = "supervisor-password-e2e";
  await apiCreateUser(request, admin, { email, full_name: "Pat Supervisor", role: "supervisor", password });
  await apiCreateCase(request, admin, { first_name: "Alex", last_name: unique("Filtercase") }, { intervention_model: "arise" });

  await signIn(page, email, password);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Cases by status" })).toBeVisible();

  // A model: the request, the address and the subtitle say so.
  const asked = page.waitForRequest((r) => r.url().includes("/api/v1/reports/summary?") && r.url().includes("model=arise"));
  await page.getByRole("textbox", { name: "Model" }).click();
  await page.getByRole("option", { name: "ARISE" }).click();
  await asked;
  await expect(page).toHaveURL(/model=arise/);
  await expect(page.getByText(/The whole practice · ARISE/)).toBeVisible();

  // While a new answer is on its way the old figures are dimmed and labelled.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/reports\/summary\?.*lead_id=/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("textbox", { name: "Lead" }).click();
  const lead = page.getByRole("option").first();
  const leadName = (await lead.textContent()) ?? "";
  await lead.click();
  await expect(page.getByRole("status").filter({ hasText: "Updating the figures" })).toBeVisible();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Updating the figures" })).toHaveCount(0);
  await page.unrouteAll();
  await expect(page.getByText(`${leadName}'s cases · ARISE`)).toBeVisible();
  await expect(page).toHaveURL(/lead_id=/);

  // The CSV carries the same filters; a reload keeps them.
  const exported = page.waitForRequest((r) => r.url().includes("/api/v1/reports/cases.csv"));
  await page.getByRole("button", { name: "Cases CSV" }).click();
  const csv = new URL((await exported).url());
  expect(csv.searchParams.get("model")).toBe("arise");
  expect(csv.searchParams.get("lead_id")).toMatch(/^[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByText(`${leadName}'s cases · ARISE`)).toBeVisible();
});

test("months the range cuts are starred, and the open date picker passes the accessibility scan", async ({ page }) => {
  // From mid-month two months back to today: at least the first month is cut.
  const from = dayOf(2, 15);
  const to = dayOf(0, new Date().getDate());
  await signIn(page);
  await page.goto(`/reports?from=${from}&to=${to}`);
  await expect(page.getByText(`${from} to ${to}`)).toBeVisible();
  const months = page.getByRole("region", { name: "Month by month" });
  await expect(months).toContainText("* Part of the month only");
  await expect(months).toContainText(`${from.slice(0, 7)}*`);
  // The chart is a named image; its numbers are a table behind a toggle, one row per month.
  await expect(months.getByRole("img", { name: /Line chart of new cases/ })).toBeVisible();
  const show = months.getByRole("button", { name: "Show the numbers" });
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await show.click();
  const numbers = months.getByRole("table", { name: /Month by month/ });
  await expect(numbers.getByRole("columnheader", { name: "Completed discharges" })).toBeVisible();
  await expect(numbers.getByRole("rowheader", { name: `${from.slice(0, 7)}*` })).toBeVisible();
  await expect(numbers.getByRole("rowheader", { name: to.slice(0, 7), exact: false })).toBeVisible();
  await expect(numbers.getByRole("rowheader")).toHaveCount(new Set([from, dayOf(1, 1), to].map((d) => d.slice(0, 7))).size);
  await months.getByRole("button", { name: "Hide the numbers" }).click();
  await expect(numbers).toBeHidden();

  await page.getByLabel("Date range").click();
  await expect(page.getByRole("dialog", { name: "Choose the report's dates" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Previous month" })).toBeVisible();
  await expectAccessible(page, "reports-date-picker");
  // A single day is a range of its own.
  const days = page.locator("table button:not([data-outside])");
  await days.getByText(/^3$/).first().click();
  await days.getByText(/^3$/).first().click();
  await expect(page).toHaveURL(/from=(\d{4}-\d{2}-03)&to=\1/);
  const chosen = page.url();
  // A second range begun and dropped (Escape after its first day) keeps the current one.
  await page.getByLabel("Date range").click();
  await days.getByText(/^3$/).first().click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Choose the report's dates" })).toBeHidden();
  await expect(page).toHaveURL(chosen);
  // The clear button, named for what it does, still clears.
  await page.getByRole("button", { name: "Clear the dates" }).click();
  await expect(page).not.toHaveURL(/from=/);

  // A day that does not exist in the address is dropped, not rolled over.
  await page.goto("/reports?from=2026-02-30&to=2026-03-31");
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/2026-02-30/);
});

test("a date the server refuses is explained in words, with its field", async ({ page }) => {
  await signIn(page);
  await page.goto("/reports?from=1800-01-01&to=2026-01-01");
  const alert = page.getByRole("alert").filter({ hasText: "Could not load the reports" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/Start date: .*1900-01-01/);
  await expect(alert).not.toContainText("Invalid fields");
});
