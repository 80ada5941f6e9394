import { type APIRequestContext } from "@playwright/test";
import { apiCreateCase, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

/** Puts the practice back where the rest of the suite expects it. */
async function setZone(request: APIRequestContext, zone: string) {
  const headers = await apiToken(request);
  const response = await request.patch("/api/v1/organization", { headers, data: { time_zone: zone } });
  expect(response.status(), await response.text()).toBe(200);
}

test("an admin sets the practice time zone and the dashboard shows times in it", async ({ page, request, consoleErrors }) => {
  test.setTimeout(180_000);
  // The stale save at the end is refused on purpose; the browser logs that 412.
  consoleErrors.allow(/status of 412 .*\/api\/v1\/organization\)/);
  await setZone(request, "America/New_York");
  try {
    // A client who lives in New York checks in weekly, due Monday, January 7, 2030 at
    // 18:00 on her clock (23:00 UTC), whatever the practice's zone.
    const headers = await apiToken(request);
    const created = await apiCreateCase(
      request,
      headers,
      { first_name: "Rosa", last_name: unique("Zone") },
      { time_zone: "America/New_York" },
    );
    const schedule = await request.post(`/api/v1/cases/${created.id}/check-in-schedules`, {
      headers,
      data: { respondent: "client", cadence_days: 7, grace_hours: 24, next_due_at: "2030-01-07T18:00:00-05:00" },
    });
    expect(schedule.status(), await schedule.text()).toBe(201);

    await signIn(page);
    await expect(page.getByTestId("practice-time-zone")).toHaveText("Times in America/New York");
    await page.goto(`/cases/${created.id}?tab=check-ins`);
    const schedules = page.getByRole("table", { name: "Check-in schedules" });
    await expect(schedules).toContainText("6:00 PM");

    await page.getByRole("link", { name: "Practice settings" }).click();
    await expect(page.getByRole("heading", { name: "Practice settings" })).toBeVisible();
    const zone = page.getByRole("textbox", { name: "Time zone" });
    await expect(zone).toHaveValue("America/New_York");
    await expectAccessible(page, "practice settings");
    await captureWidths(page, "practice-settings");

    // The select is searchable: type part of the name, pick the zone.
    await zone.click();
    await zone.fill("Los_Ang");
    await page.getByRole("option", { name: "America/Los_Angeles" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Practice settings saved")).toBeVisible();
    await expect(page.getByTestId("practice-time-zone")).toHaveText("Times in America/Los Angeles");

    // The same check-in, now shown on the practice's West Coast clock: 15:00.
    await page.goto(`/cases/${created.id}?tab=check-ins`);
    await expect(schedules).toContainText("3:00 PM");
    // The client keeps their own zone: the table also says the time on their clock.
    await expect(schedules).toContainText("6:00 PM on the client's clock (America/New York)");
    await expect(schedules).toContainText("on the client's clock (America/New York)");

    // Another admin's change in between: a stale save is refused, nothing is written.
    await page.goto("/settings");
    await expect(zone).toHaveValue("America/Los_Angeles");
    await setZone(request, "America/Chicago");
    await zone.click();
    await zone.fill("Denver");
    await page.getByRole("option", { name: "America/Denver" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Another admin changed" })).toBeVisible();
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(zone).toHaveValue("America/Chicago");
  } finally {
    await setZone(request, "America/New_York");
  }
});
