import { type Page } from "@playwright/test";
import { apiCreateCase, apiToken, captureWidths, expect, signIn, test, unique } from "./helpers";

/** Every badge on the page whose words do not fit in it (scrollWidth > clientWidth), by text. */
async function cutBadges(page: Page) {
  return page.locator(".mantine-Badge-root").evaluateAll((badges) =>
    badges
      .flatMap((badge) => [badge, ...Array.from(badge.querySelectorAll(".mantine-Badge-label"))])
      .filter((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().width + 0.5 < el.scrollWidth)
      .map((el) => `${el.textContent} (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

test("status and risk badges never cut their words on the caseload at 1280 and 390 px", async ({ page, request }) => {
  test.setTimeout(120_000);
  const headers = await apiToken(request);
  const lastName = unique("Badge");
  const move = async (id: string, status: string, reason?: string) => {
    const response = await request.post(`/api/v1/cases/${id}/status`, { headers, data: { status, ...(reason ? { reason } : {}) } });
    expect(response.status(), await response.text()).toBe(200);
  };
  // The longest labels: "Intervention held", "In treatment", with two risk flags each.
  const flags = { risk_flags: ["co_occurring_mental_health", "medical_detox_needed"] };
  const held = await apiCreateCase(request, headers, { first_name: "Maximiliana-Josephine", last_name: lastName }, flags);
  for (const status of ["planning", "scheduled", "intervention_held"]) await move(held.id, status);
  const treated = await apiCreateCase(request, headers, { first_name: "Bartholomew", last_name: lastName }, flags);
  await move(treated.id, "in_treatment", "Admitted before the intervention.");

  await signIn(page);
  await page.getByLabel("Search").fill(lastName);
  const table = page.getByRole("table", { name: "Caseload" });
  await expect(table.getByText("Intervention held")).toBeVisible();
  await expect(table.getByText("In treatment").first()).toBeVisible();
  expect(await cutBadges(page), "badges cut at 1280 px").toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page.getByRole("list", { name: "Caseload" });
  await expect(cards.getByText("Intervention held")).toBeVisible();
  expect(await cutBadges(page), "badges cut at 390 px").toEqual([]);
  await captureWidths(page, "caseload-badges");
});
