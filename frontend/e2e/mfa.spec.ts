import { expect, test, type Page } from "@playwright/test";
import { createHmac } from "node:crypto";
import { apiCreateUser, apiToken, expectAccessible, signIn, unique } from "./helpers";

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of a base32 secret, as an authenticator app computes it. */
function totp(secret: string, at: number = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secret.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

async function openUserMenuItem(page: Page, name: string, item: string) {
  await page.getByRole("button", { name }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("a staff member sets up two-step sign-in, signs out, and signs in with a code", async ({ page, request }) => {
  const admin = await apiToken(request);
  const person = { email: `${unique("mfa")}@harbor-e2e.org`, full_name: "Robin Okafor", password: "a-long-password-e2e" };
  await apiCreateUser(request, admin, { ...person, role: "interventionist" });

  await signIn(page, person.email, person.password);
  await openUserMenuItem(page, person.full_name, "Two-step sign-in");
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, "two-step sign-in setup");

  await page.getByLabel("2. Enter the 6-digit code the app shows").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await page.getByRole("button", { name: "I saved my codes" }).click();
  await expect(page.getByText("Recovery codes left: 10.")).toBeVisible();

  await openUserMenuItem(page, person.full_name, "Sign out");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toBeVisible();
  await expectAccessible(page, "two-step sign-in code");
  const wrong = totp(secret, Date.now() + 10 * 60_000); // a real code, but of another time
  await codeField.fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");

  // The confirming code is spent; the app's next code is already accepted.
  await codeField.fill(totp(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
});

test("an admin resets a colleague's two-step sign-in from the users list", async ({ page, request }) => {
  const admin = await apiToken(request);
  const person = { email: `${unique("reset")}@harbor-e2e.org`, full_name: "Kai Moreno", password: "a-long-password-e2e" };
  await apiCreateUser(request, admin, { ...person, role: "interventionist" });
  const own = await apiToken(request, person.email, person.password);
  const started = await request.post("/api/v1/auth/mfa/totp", { headers: own });
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await request.post("/api/v1/auth/mfa/totp/confirm", { headers: own, data: { code: totp(secret) } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  const challenged = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: person.email, password: person.password },
  });
  expect(((await challenged.json()) as { type: string }).type).toBe("/api/v1/problems/mfa-required");

  await signIn(page);
  await page.goto("/users");
  const row = page.getByTestId(`user-row-${person.email}`);
  await row.getByRole("button", { name: "Reset MFA" }).click();
  await page.getByRole("dialog", { name: "Reset two-step sign-in?" }).getByRole("button", { name: "Reset MFA" }).click();
  await expect(page.getByText(`${person.full_name} can set it up again.`)).toBeVisible();

  // The password alone signs in again.
  await apiToken(request, person.email, person.password);
});
