import { apiCreateCase, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

test("create a case, find it by search, open it", async ({ page, consoleErrors }) => {
  // The bad phone number below is refused on purpose; the browser logs that 422.
  consoleErrors.allow(/status of 422 .*\/api\/v1\/cases\)/);
  await signIn(page);
  await expectAccessible(page, "caseload");

  const lastName = unique("Okafor");
  await page.getByRole("button", { name: "New case" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New case" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, "new case form");
  await captureWidths(page, "new-case");

  // Empty required fields are flagged next to the inputs.
  await dialog.getByRole("button", { name: "Create case" }).click();
  await expect(dialog.getByText("Enter the client's first name")).toBeVisible();

  await dialog.getByLabel("First name").fill("Daniel");
  await dialog.getByLabel("Last name").fill(lastName);
  await dialog.getByLabel("Preferred name").fill("Danny");
  await dialog.getByLabel("Primary substance").fill("Alcohol");
  await dialog.getByLabel("Overdose history").check();
  await dialog.getByLabel("Summary").fill("Sister called; family ready to meet.");
  // The API rejects this phone number; its 422 lands next to the field.
  await dialog.getByLabel("Phone").fill("call me");
  await dialog.getByRole("button", { name: "Create case" }).click();
  await expect(dialog.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.locator(".mantine-TextInput-error").first()).toBeVisible();

  // A phone with an extension is kept, shown with it, and dialled with a pause.
  await dialog.getByLabel("Phone").fill("+1 555 010 2030 x12");
  await dialog.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Daniel ${lastName}`) })).toBeVisible();
  await expect(page.getByRole("link", { name: "+1 555 010 2030 ext. 12" })).toHaveAttribute("href", "tel:+15550102030,12");
  const caseUrl = page.url();

  await page.getByRole("link", { name: "← Caseload" }).click();
  await page.getByLabel("Search").fill(lastName);
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  const rows = page.getByRole("table", { name: "Caseload" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Intake");
  await expect(rows.nth(1)).toContainText("Avery Admin");
  await expect(rows.nth(1)).toContainText("Overdose history");
  await expectAccessible(page, "caseload with a case");
  await captureWidths(page, "caseload");

  // Filters survive a reload because they live in the URL.
  await page.getByRole("switch", { name: "Assigned to me" }).check();
  await expect(page).toHaveURL(/mine=true/);
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue(lastName);
  await expect(rows).toHaveCount(2);

  await rows.nth(1).getByRole("link").click();
  await expect(page).toHaveURL(caseUrl);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(lastName) })).toBeVisible();
  await expect(page.getByText("Sister called; family ready to meet.")).toBeVisible();
  await expectAccessible(page, "case page");
  await captureWidths(page, "case");

  await page.getByRole("tab", { name: "Plan" }).click();
  await expect(page.getByRole("heading", { name: "Start the intervention plan" })).toBeVisible();
  await expect(page).toHaveURL(/tab=plan/);
});

test("empty search shows the empty state", async ({ page }) => {
  await signIn(page);
  await page.getByLabel("Search").fill(unique("nobody"));
  await expect(page.getByText("No cases match these filters")).toBeVisible();
  await expectAccessible(page, "caseload empty");
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByLabel("Search")).toHaveValue("");
});

test("closing the new-case form with Escape keeps what was typed; Cancel clears it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "New case" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New case" });
  await dialog.getByLabel("First name").fill("Marisol");
  await dialog.getByLabel("Last name").fill("Peña");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "New case" }).first().click();
  await expect(dialog.getByLabel("First name")).toHaveValue("Marisol");
  await expect(dialog.getByLabel("Last name")).toHaveValue("Peña");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "New case" }).first().click();
  await expect(dialog.getByLabel("First name")).toHaveValue("");
});

test("the caseload filters by plan status from its link, and the filter can be cleared", async ({ page, request }) => {
  const headers = await apiToken(request);
  const last = unique("Planless");
  await apiCreateCase(request, headers, { first_name: "Noel", last_name: last });
  await signIn(page);
  await page.goto("/cases?plan_status=in_review");
  await expect(page.getByRole("textbox", { name: "Plan" })).toHaveValue("In review");
  await expect(page).toHaveURL(/plan_status=in_review/);
  // A case with no plan is not waiting for review.
  await page.getByLabel("Search").fill(last);
  await expect(page.getByText("No cases match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByRole("textbox", { name: "Plan" })).toHaveValue("");
});

test("status changes offer only allowed moves and ask for a reason when going back", async ({ page, request }) => {
  const headers = await apiToken(request);
  const lastName = unique("Rivera");
  const created = await apiCreateCase(request, headers, { first_name: "Maya", last_name: lastName });
  await signIn(page);
  await page.goto(`/cases/${created.id}`);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(lastName) })).toBeVisible();

  const move = async (label: string, reason?: string) => {
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByRole("menuitem", { name: new RegExp(`^${label}`) }).click();
    const dialog = page.getByRole("dialog");
    if (reason) await dialog.getByLabel("Reason").fill(reason);
    await dialog.getByRole("button", { name: `Move to ${label}` }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText(label);
  };

  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByRole("menuitem", { name: /Scheduled/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await move("Planning");
  await move("Scheduled");

  // Scheduled → Planning is a backward move: a reason is required.
  await page.getByRole("button", { name: "Change status" }).click();
  await page.getByRole("menuitem", { name: /^Planning/ }).click();
  const dialog = page.getByRole("dialog");
  await expectAccessible(page, "status dialog");
  await dialog.getByRole("button", { name: "Move to Planning" }).click();
  await expect(dialog.getByText("Give a reason for this move")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Family asked to move the date after a funeral.");
  await dialog.getByRole("button", { name: "Move to Planning" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByText("Scheduled → Planning")).toBeVisible();
  await expect(page.getByText("Reason: Family asked to move the date after a funeral.")).toBeVisible();
  await expectAccessible(page, "timeline");
  await captureWidths(page, "timeline");
});

test("an edit made on a stale version shows the conflict and reloads", async ({ page, request, consoleErrors }) => {
  // The stale save is refused on purpose; the browser logs that 412.
  consoleErrors.allow(/status of 412 .*\/api\/v1\/cases\//);
  const headers = await apiToken(request);
  const lastName = unique("Nguyen");
  const created = await apiCreateCase(request, headers, { first_name: "Tom", last_name: lastName }, { summary: "First summary" });
  await signIn(page);
  await page.goto(`/cases/${created.id}`);
  await page.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit case" });
  await expectAccessible(page, "edit case form");
  await form.getByLabel("Summary").fill("My summary");

  // Someone else changes the case in the meantime, with their own token.
  const otherHeaders = await apiToken(request);
  const current = await request.get(`/api/v1/cases/${created.id}`, { headers: otherHeaders });
  const etag = current.headers()["etag"];
  expect(etag).toBeTruthy();
  const patched = await request.patch(`/api/v1/cases/${created.id}`, {
    headers: { ...otherHeaders, "If-Match": etag! },
    data: { summary: "Their summary" },
  });
  expect(patched.status()).toBe(200);

  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "This case was changed by someone else — reload to see their changes",
  );
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(form.getByLabel("Summary")).toHaveValue("Their summary");

  await form.getByLabel("Summary").fill("Merged summary");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText("Merged summary")).toBeVisible();
});

test("an unknown case shows a not-found page", async ({ page, consoleErrors }) => {
  // The browser logs the 404 of the unknown id itself; the app logs nothing more.
  consoleErrors.allow(/status of 404 .*\/api\/v1\/cases\/00000000-0000-4000-8000-000000000000\)/);
  await signIn(page);
  await page.goto("/cases/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Case not found" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "not found");
});

test("substance suggestions close after Enter and leave the risk flags clickable", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "New case" }).click();
  const dialog = page.getByRole("dialog", { name: "New case" });
  const substances = dialog.getByRole("textbox", { name: "Substances" });
  await substances.fill("Alc");
  await expect(page.getByRole("listbox")).toBeVisible();
  await substances.press("Enter");
  await expect(page.getByRole("listbox")).toBeHidden();
  // The checkbox that sat under the suggestions takes the click.
  const flag = dialog.getByRole("checkbox").first();
  await flag.click();
  await expect(flag).toBeChecked();
  await captureWidths(page, "new-case-substances");
});
