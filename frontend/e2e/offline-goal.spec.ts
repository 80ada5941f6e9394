import { apiCreateCase, apiToken, captureWidths, expect, signIn, test, unique } from "./helpers";

test("a measurement saved offline says it will be sent, and is sent once back online", async ({ page, context, request, consoleErrors }) => {
  // Queries that refetch while the network is off fail in the browser's log; that is the point here.
  consoleErrors.allow(/ERR_INTERNET_DISCONNECTED|Failed to fetch/);
  const headers = await apiToken(request);
  const created = await apiCreateCase(request, headers, { first_name: "Ana", last_name: unique("Offline") });
  const goal = await request.post(`/api/v1/cases/${created.id}/goals`, {
    headers,
    data: { subject: "client", title: "Attend meetings", metric: "meetings a week", unit: "meetings", target_value: 3, direction: "at_least" },
  });
  expect(goal.status(), await goal.text()).toBe(201);

  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=goals`);
  const card = page.getByRole("article", { name: "Attend meetings" });
  await expect(card).toContainText("at least 3 meetings");

  await context.setOffline(true);
  await card.getByRole("button", { name: /^Record measurement/ }).click();
  const measure = page.getByRole("dialog", { name: "Record a measurement" });
  await measure.getByLabel("Value (meetings)").fill("2");
  await measure.getByRole("button", { name: "Record" }).click();
  // No endless spinner: the dialog closes and says what will happen.
  await expect(measure).toBeHidden({ timeout: 3_000 });
  await expect(page.getByText("Attend meetings: the measurement will be sent when the connection returns.")).toBeVisible();
  await captureWidths(page, "goal-measurement-offline");

  await context.setOffline(false);
  await expect(card).toContainText("2 meetings", { timeout: 20_000 });
  const list = await request.get(`/api/v1/cases/${created.id}/goals`, { headers });
  const { items } = (await list.json()) as { items: { id: string; latest_value: number | null }[] };
  expect(items[0]?.latest_value).toBe(2);
  // Sent exactly once.
  const progress = await request.get(`/api/v1/goals/${items[0]!.id}/progress`, { headers });
  expect(progress.status(), await progress.text()).toBe(200);
  expect(((await progress.json()) as { measurements: unknown[] }).measurements).toHaveLength(1);
});
