import { ADMIN, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

test("an admin creates a supervisor, who sees no admin pages", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" })).toContainText(ADMIN.email);
  await expectAccessible(page, "users");
  await captureWidths(page, "users");

  const email = `${unique("sam")}@harbor-e2e.org`;
  const password = "supervisor-pass-123";
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Full name").fill("Sam Supervisor");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("textbox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Supervisor" }).click();
  await dialog.getByLabel("Initial password").fill(password);
  await expectAccessible(page, "new user form");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Sam Supervisor");
  await expect(row.getByRole("textbox", { name: "Role of Sam Supervisor" })).toHaveValue("Supervisor");

  // Sign out, then in as the supervisor: no Users page for them.
  await page.getByRole("button", { name: ADMIN.name }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await signIn(page, email, password);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/cases$/);
});

test("an admin changes a role and deactivates and reactivates a user", async ({ page }) => {
  await signIn(page);
  await page.goto("/users");
  const email = `${unique("ira")}@harbor-e2e.org`;
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Full name").fill("Ira Interventionist");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill("interventionist-pass-1");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId(`user-row-${email}`);
  await row.getByRole("textbox", { name: "Role of Ira Interventionist" }).click();
  await page.getByRole("option", { name: "Supervisor" }).click();
  await expect(page.getByText("Ira Interventionist is now Supervisor.")).toBeVisible();

  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog", { name: "Deactivate user?" }).getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row).toContainText("Active");
});
