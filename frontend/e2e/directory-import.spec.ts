import { expectAccessible, signIn, unique, expect, test } from "./helpers";

/** A SAMHSA treatment-locator answer in its own layout: three facilities around Portland, OR. */
function locatorFile(tag: string) {
  const facility = (frid: string, name: string, lat: number, lon: number, setting: string) => ({
    frid: `${frid}${tag}`,
    name1: `${name} ${tag}`,
    name2: "",
    street1: "100 Main Street",
    street2: "",
    city: "Portland",
    state: "OR",
    zip: "97205",
    phone: "503-555-0100",
    intake1: "503-555-0101 x12",
    hotline1: "",
    website: "www.example.org",
    latitude: String(lat),
    longitude: String(lon),
    typeFacility: "SA",
    services: [
      { f1: "Service Setting", f2: "SET", f3: setting },
      { f1: "Opioid Medications used in Treatment", f2: "OM", f3: "Buprenorphine used in Treatment" },
      { f1: "Payment/Insurance/Funding Accepted", f2: "PAY", f3: "Medicaid; Private health insurance" },
    ],
  });
  const rows = [
    facility("FAR", "Salem Residential", 44.9429, -123.0351, "Short-term residential"),
    facility("NEAR", "Downtown Withdrawal Center", 45.5231, -122.6765, "Outpatient detoxification; Regular outpatient treatment"),
    facility("MID", "Gresham Outpatient", 45.4982, -122.431, "Intensive outpatient treatment"),
    { ...facility("MH", "Eastside Mental Health", 45.5, -122.5, ""), typeFacility: "MH" },
  ];
  return {
    name: `locator-${tag}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ page: 1, totalPages: 1, recordCount: rows.length, rows }, null, 2)),
  };
}

test("an admin imports locator listings, previews and confirms, then finds the nearest center", async ({ page }) => {
  const tag = unique("e2e");
  await signIn(page);
  await page.getByRole("link", { name: "Import listings" }).click();
  await expect(page.getByRole("heading", { name: "Import listings", level: 1 })).toBeVisible();

  // Preview: a dry run that says what would happen to each row and writes nothing.
  await page.locator('input[type="file"]').setInputFiles(locatorFile(tag));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Preview — nothing written yet: 3 new, 0 updated, 0 unchanged, 1 skipped");
  const rows = page.getByRole("table", { name: "Rows to import" });
  await expect(rows.getByRole("row")).toHaveCount(4);
  await expect(rows.getByRole("row", { name: new RegExp(`Downtown Withdrawal Center ${tag}`) })).toContainText("1-WM");
  const skipped = page.getByRole("table", { name: "Skipped rows" });
  await expect(skipped).toContainText(`MH${tag}`);
  await expect(skipped).toContainText("mental-health-only");
  await expectAccessible(page, "import preview");

  // Confirm: the same file is written, and the answer says so.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText("3 new, 0 updated, 0 unchanged, 1 skipped");

  // Importing it again changes nothing: rows are matched by their locator id.
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("0 new, 0 updated, 3 unchanged, 1 skipped");

  // Find the nearest: from Pioneer Square, downtown first, then Gresham; Salem is past 50 km.
  await page.getByRole("link", { name: "Treatment centers" }).click();
  await expect(page.getByRole("heading", { name: "Treatment centers", level: 1 })).toBeVisible();
  const near = page.getByRole("textbox", { name: "Near (latitude, longitude)" });
  // While the search is on its way, the previous list stays, dimmed and labelled as such.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/treatment-centers\?.*near=/, async (route) => {
    await held;
    await route.continue();
  });
  await near.fill("45.5189, -122.6793");
  await near.press("Enter");
  await expect(page).toHaveURL(/near=45\.5189%2C-122\.6793|near=45\.5189,-122\.6793/);
  await expect(page.getByRole("status").filter({ hasText: "Updating results" })).toBeVisible();
  await expect(page.getByText("Showing the previous results")).toBeVisible();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Updating results" })).toHaveCount(0);
  await page.unrouteAll();
  const found = page.locator('[data-testid^="center-"]').filter({ hasText: tag });
  await expect(found).toHaveCount(2);
  await expect(found.first()).toContainText(`Downtown Withdrawal Center ${tag}`);
  await expect(found.first().getByTestId("distance")).toContainText("0.5 km");
  await expect(found.nth(1)).toContainText(`Gresham Outpatient ${tag}`);
  await expect(found.first()).toContainText("Buprenorphine");
  await expect(page.getByText(`Salem Residential ${tag}`)).toHaveCount(0);

  // A wider radius brings Salem in, last.
  await page.getByRole("textbox", { name: "Within" }).click();
  await page.getByRole("option", { name: "100 km" }).click();
  await expect(found).toHaveCount(3);
  await expect(found.nth(2)).toContainText(`Salem Residential ${tag}`);
  await expectAccessible(page, "centers near a place");
});
