import { ADMIN, apiCreateUser, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

test("sign-in page refuses a wrong password and signs in with the right one", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "login");
  await captureWidths(page, "login");

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("The email or password is not correct.");

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
  await expect(page).toHaveURL(/\/reports$/);
});

test("a deep link needs sign-in first, then lands where it pointed; reload keeps the session", async ({ page }) => {
  await page.goto("/users?from=bookmark");
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  // The access token stays in memory; only the refresh token is in sessionStorage.
  const stored = await page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));
  expect(Object.keys(stored.session).filter((key) => key.startsWith("cairn."))).toEqual(["cairn.refresh_token"]);
  const everything = JSON.stringify(stored);
  expect(everything).not.toContain("eyJ"); // no JWT anywhere in web storage
  expect(Object.keys(stored.local)).toEqual([]);
});

test("a revoked session sends the user to sign in once, keeping the page to return to", async ({ page, request }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  // Spend the refresh token behind the SPA's back: the session's token family is then revoked.
  const refreshToken = await page.evaluate(() => sessionStorage.getItem("cairn.refresh_token"));
  expect(refreshToken).toBeTruthy();
  const spent = await request.post("/api/v1/auth/logout", {
    headers: await apiToken(request),
    data: { refresh_token: refreshToken },
  });
  expect(spent.status()).toBe(204);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirect=%2Fusers/);
  await expect(page.getByText("Your session ended")).toBeVisible();
});

test("repeated failures lock the account and the wait is shown", async ({ page, request }) => {
  const headers = await apiToken(request);
  const email = `${unique("locked")}@harbor-e2e.org`;
  await apiCreateUser(request, headers, { email, full_name: "Lee Locked", role: "interventionist", password: "a-good-long-password" });

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.getByLabel("Password", { exact: true }).fill(`wrong-${attempt}`);
    const button = page.getByRole("button", { name: /Sign in|Try again/ });
    if (await button.isDisabled()) break;
    await button.click();
    await expect(page.getByRole("alert")).toBeVisible();
    if (/Try again in/.test((await page.getByRole("alert").textContent()) ?? "")) break;
  }
  await expect(page.getByRole("alert")).toContainText(/Try again in \d+ (second|minute)/);
  await expect(page.getByRole("button", { name: /Try again in/ })).toBeDisabled();
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: ADMIN.name }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.evaluate(() => sessionStorage.getItem("cairn.refresh_token"))).toBeNull();
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login\?redirect=%2Fcases/);
});

test("the session refreshes itself before the access token expires", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  // The e2e server issues one-minute access tokens; the SPA refreshes after ~48 s.
  const refresh = await page.waitForRequest(
    (request) => request.url().endsWith("/api/v1/auth/token") && (request.postData() ?? "").includes("grant_type=refresh_token"),
    { timeout: 70_000 },
  );
  expect((await refresh.response())?.status()).toBe(200);
  await page.waitForTimeout(15_000); // past the first token's expiry
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("table", { name: "Users" })).toContainText(ADMIN.email);
  await expect(page).toHaveURL(/\/users$/);
});

test("the dashboard runs under its content security policy without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  const response = await page.goto("/login");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");

  await signIn(page);
  await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
  await page.goto("/tasks");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("signing out ends the access token at once", async ({ request }) => {
  const signInApi = async () => {
    const response = await request.post("/api/v1/auth/token", {
      form: { grant_type: "password", username: ADMIN.email, password: ADMIN.password },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { access_token: string; refresh_token: string };
  };
  const token = await signInApi();
  const other = await signInApi();
  const me = (access: string) => request.get("/api/v1/auth/me", { headers: { Authorization: `Bearer ${access}` } });
  expect((await me(token.access_token)).status()).toBe(200);

  await request.post("/api/v1/auth/logout", { data: { refresh_token: token.refresh_token } });

  expect((await me(token.access_token)).status()).toBe(401);
  expect((await me(other.access_token)).status()).toBe(200);
});
