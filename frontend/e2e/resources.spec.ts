import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiCreateCase, apiCreateUser, apiToken, captureWidths, expectAccessible, signIn, unique } from "./helpers";

const PHONE = { width: 390, height: 844 };
const PORTAL_PASSWORD = "a long client password";

/** Pick an option of a Mantine Select by the input's label. */
async function choose(scope: Page | Locator, label: string | RegExp, option: string) {
  const page = "page" in scope ? scope.page() : scope;
  await scope.getByRole("textbox", { name: label, exact: typeof label === "string" }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test("a supervisor adds a group with a weekly meeting, finds it by day, and the client's portal lists it at 390 px", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  // Two browsers, a form and three accessibility scans: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const admin = await apiToken(request);
  const tag = unique("e2e");
  const supervisor = { email: `sup-${tag}@harbor-e2e.org`, full_name: "Sky Supervisor", role: "supervisor", password: "supervisor-pass-e2e" };
  await apiCreateUser(request, admin, supervisor);
  const clientEmail = `client-${tag}@example.org`;
  const client = { first_name: "Robin", last_name: `Client${tag}`, email: clientEmail };
  const kase = await apiCreateCase(request, admin, client);
  const invite = await request.post(`/api/v1/cases/${kase.id}/invitations`, { headers: admin, data: { respondent: "client" } });
  expect(invite.status(), await invite.text()).toBe(201);
  const { code } = (await invite.json()) as { code: string };
  const name = `Riverbend SMART Recovery ${tag}`;

  await signIn(page, supervisor.email, supervisor.password);
  await page.getByRole("link", { name: "Resources" }).click();
  await expect(page.getByRole("heading", { name: "Resources", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Add resource" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add resource" });
  await dialog.getByRole("button", { name: "Add resource" }).click();
  await expect(dialog.getByText("Enter the resource's name")).toBeVisible();
  await expect(dialog.getByText("Choose what kind of resource this is")).toBeVisible();
  await dialog.getByRole("textbox", { name: /^Name/ }).fill(name);
  await choose(dialog, "Kind", "Mutual-help group");
  await choose(dialog, "For", "For the client");
  await choose(dialog, "Format", "In person");
  await dialog.getByRole("textbox", { name: /^Fellowship or approach/ }).fill("SMART Recovery");
  await dialog.getByRole("button", { name: "Add a weekly meeting" }).click();
  await choose(dialog, "Day", "Thursday");
  await dialog.getByLabel("Starts").fill("18:30");
  await dialog.getByLabel("Ends").fill("18:00");
  await dialog.getByRole("button", { name: "Add resource" }).click();
  await expect(dialog.getByText("Ends after it starts")).toBeVisible();
  await dialog.getByLabel("Ends").fill("20:00");
  await dialog.getByLabel("Street address").fill("210 River Road, Room B");
  await dialog.getByLabel("City").fill("Madison");
  await dialog.getByRole("textbox", { name: /^Phone/ }).fill("(608) 555-0142 ext. 12");
  await dialog.getByLabel("Website").fill("riverbend.example.org");
  await expectAccessible(page, "resource form");
  await dialog.getByRole("button", { name: "Add resource" }).click();
  await expect(dialog).toBeHidden();

  // Found by its meeting day; another day leaves it out.
  await choose(page, "Meets on", "Thursday");
  await expect(page).toHaveURL(/day_of_week=thursday/);
  const row = page.getByTestId(`resource-${name}`);
  await expect(row).toContainText("Thu 6:30 PM – 8:00 PM");
  await expect(row).toContainText("In person");
  await expect(row).toContainText("SMART Recovery");
  await expect(row.getByRole("link", { name: /555-0142 ext\. 12/ })).toHaveAttribute("href", "tel:6085550142,12");
  await expectAccessible(page, "resources page");
  await captureWidths(page, "resources-page");
  await choose(page, "Meets on", "Friday");
  await expect(page).toHaveURL(/day_of_week=friday/);
  await expect(row).toBeHidden();

  // The client, on a phone: the practice's group first, then the national lines.
  const context = await browser.newContext({ baseURL, viewport: PHONE, isMobile: true, hasTouch: true });
  const portal = await context.newPage();
  await portal.goto(`/portal/accept?code=${code}`);
  await portal.getByLabel("Choose a password").fill(PORTAL_PASSWORD);
  await portal.getByLabel("Type it again").fill(PORTAL_PASSWORD);
  await portal.getByRole("button", { name: "Set password and continue" }).click();
  await portal.getByRole("link", { name: "Help and support" }).click();
  await expect(portal.getByRole("heading", { name: "Help and support", level: 1 })).toBeVisible();
  const card = portal.getByTestId(`portal-resource-${name}`);
  await expect(card).toContainText("Thu 6:30 PM – 8:00 PM");
  await expect(card.getByTestId("next-meeting")).toContainText(/Next: Thu, \w{3} \d{1,2}, 6:30 PM/);
  await expect(card).toContainText("210 River Road, Room B, Madison");
  await expect(card.getByRole("link", { name: /555-0142 ext\. 12/ })).toHaveAttribute("href", "tel:6085550142,12");
  await expect(card.getByRole("link", { name: /riverbend\.example\.org/ })).toHaveAttribute("href", "https://riverbend.example.org/");
  await expect(portal.getByRole("heading", { name: "Always available" })).toBeVisible();
  // "Call or text 988": one tap to call, one to text.
  const lifeline = portal.getByTestId("portal-resource-988 Suicide & Crisis Lifeline");
  await expect(lifeline.getByRole("link", { name: "Call 988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(lifeline.getByRole("link", { name: "text 988", exact: true })).toHaveAttribute("href", "sms:988");
  // Nothing wider than the phone.
  const overflow = await portal.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(portal, "portal resources");
  await portal.screenshot({ path: "e2e/artifacts/portal-resources-390.png", fullPage: true });
  await context.close();
});
