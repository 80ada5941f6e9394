import { apiCreateCase, apiToken, captureWidths, signIn, unique, expect, test } from "./helpers";

test("the caseload finds a client however the name is typed", async ({ page, request }) => {
  const headers = await apiToken(request);
  const angela = await apiCreateCase(request, headers, { first_name: "Ángela", last_name: "Núñez" });
  // The curly apostrophe phones insert.
  const siobhan = await apiCreateCase(request, headers, { first_name: "Siobhan", last_name: "O\u2019Brien" });
  await signIn(page);

  const rows = page.getByRole("table", { name: "Caseload" }).getByRole("row");
  const search = page.getByLabel("Search");

  // Typed without accents, in lower case.
  await search.fill("nunez");
  await expect(page).toHaveURL(/q=nunez/);
  await expect(rows.filter({ hasText: angela.reference })).toHaveCount(1);
  await expect(rows.filter({ hasText: angela.reference })).toContainText("Ángela Núñez");
  await expect(rows.filter({ hasText: siobhan.reference })).toHaveCount(0);

  // Typed with the keyboard's straight apostrophe.
  await search.fill("o'brien");
  await expect(rows.filter({ hasText: siobhan.reference })).toHaveCount(1);
  await expect(rows.filter({ hasText: angela.reference })).toHaveCount(0);
  await expect(rows.filter({ hasText: siobhan.reference })).toContainText("Siobhan O\u2019Brien");
});

test("the caseload finds a case by the spouse's phone number and says who matched", async ({ page, request }) => {
  const headers = await apiToken(request);
  const lastName = unique("Caller");
  const created = await apiCreateCase(request, headers, { first_name: "Marcus", last_name: lastName });
  const spouse = await request.post(`/api/v1/cases/${created.id}/participants`, {
    headers,
    data: { full_name: `Lena ${lastName}`, relationship: "spouse", role: "speaker", readiness: "committed", phone: "(555) 013-4477" },
  });
  expect(spouse.status(), await spouse.text()).toBe(201);
  await signIn(page);

  // The number as she reads it out on the phone.
  await page.getByLabel("Search").fill("555 013 4477");
  const row = page.getByRole("table", { name: "Caseload" }).getByRole("row").filter({ hasText: created.reference });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("search-match")).toHaveText(`Matched Lena ${lastName}, spouse`);

  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByRole("list", { name: "Caseload" }).getByRole("listitem").filter({ hasText: created.reference });
  await expect(card.getByTestId("search-match")).toHaveText(`Matched Lena ${lastName}, spouse`);
  await captureWidths(page, "caseload-search-participant");
});
