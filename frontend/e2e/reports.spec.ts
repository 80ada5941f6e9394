import { expect, test } from "@playwright/test";
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

test("an admin finds who read a case in its access log, and the audit log lists it", async ({ page, request }) => {
  const admin = await apiToken(request);
  const email = `${unique("reader")}@harbor-e2e.org`;
  const password = "reader-password-e2e";
  await apiCreateUser(request, admin, { email, full_name: "Riley Reader", role: "supervisor", password });
  const created = await apiCreateCase(request, admin, { first_name: "Quinn", last_name: unique("Accesslog") });
  const reader = await apiToken(request, email, password);
  expect((await request.get(`/api/v1/cases/${created.id}`, { headers: reader })).status()).toBe(200);

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`/cases/${created.id}`);
  await page.getByRole("button", { name: "Access log" }).click();
  const dialog = page.getByRole("dialog", { name: `Access log of ${created.reference}` });
  await expect(dialog.getByRole("row").filter({ hasText: "Riley Reader" }).first()).toContainText("Read");
  await expectAccessible(page, "access-log");
  await page.keyboard.press("Escape");

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Case id").fill(created.id);
  await expect(page.getByTestId("audit-row").filter({ hasText: "Riley Reader" }).first()).toBeVisible();
  await expectAccessible(page, "audit-log");
});
