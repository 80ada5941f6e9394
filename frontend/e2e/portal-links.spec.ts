import { captureWidths, expect, test, unique, apiCreateCase, apiToken } from "./helpers";

const PHONE = { width: 390, height: 844 };
const PORTAL_PASSWORD = "a long family password";

/** The links a tap on a phone follows: href by visible name. */
async function hrefs(page: import("@playwright/test").Page) {
  return page.locator("main a[href^='tel:'], main a[href^='sms:'], main a[href^='https:']").evaluateAll((anchors) =>
    anchors.map((a) => `${(a.textContent ?? "").replace(" (opens in a new tab)", "").trim()} → ${a.getAttribute("href")}`),
  );
}

test("every crisis number and web address in the portal can be tapped at 390 px", async ({ request, browser, baseURL }) => {
  const headers = await apiToken(request);
  const email = `${unique("kai")}@family-e2e.org`;
  const created = await apiCreateCase(request, headers, { first_name: "Kai", last_name: unique("Dial") });
  const participant = await request.post(`/api/v1/cases/${created.id}/participants`, {
    headers,
    data: { full_name: "Noor Dial", relationship: "spouse", role: "speaker", readiness: "committed", email },
  });
  expect(participant.status(), await participant.text()).toBe(201);
  const { id } = (await participant.json()) as { id: string };
  const invitation = await request.post(`/api/v1/cases/${created.id}/invitations`, { headers, data: { respondent: id } });
  expect(invitation.status(), await invitation.text()).toBe(201);
  const { code } = (await invitation.json()) as { code: string };
  const accepted = await request.post("/api/v1/auth/accept-invite", { data: { code, password: PORTAL_PASSWORD } });
  expect(accepted.status(), await accepted.text()).toBe(200);

  const context = await browser.newContext({ baseURL, viewport: PHONE, isMobile: true, hasTouch: true });
  const portal = await context.newPage();
  await portal.goto("/portal/login");
  await portal.getByLabel("Email").fill(email);
  await portal.getByLabel("Password").fill(PORTAL_PASSWORD);
  await portal.getByRole("button", { name: "Sign in" }).click();
  await expect(portal.getByRole("link", { name: "Help and support" })).toBeVisible();

  // Home: the emergency line under the buttons.
  expect(await hrefs(portal)).toEqual(["call 911 → tel:911", "call 988 → tel:988", "text 988 → sms:988"]);
  await expect(portal.getByRole("link", { name: "call 911" })).toBeInViewport({ ratio: 0.9 });

  // Help and support: the national lines and every web address.
  await portal.getByRole("link", { name: "Help and support" }).click();
  await expect(portal.getByRole("heading", { name: "Help and support" })).toBeVisible();
  await expect(portal.locator("main a[href='sms:988']").first()).toBeVisible();
  const links = await hrefs(portal);
  expect(links).toEqual(
    expect.arrayContaining([
      "Call 988 → tel:988",
      "text 988 → sms:988",
      "Call 911 → tel:911",
      "1-800-662-4357 → tel:+18006624357",
      "al-anon.org → https://al-anon.org",
      "nar-anon.org → https://nar-anon.org",
      "smartrecovery.org/family → https://smartrecovery.org/family",
    ]),
  );
  for (const link of ["tel:911", "tel:988", "sms:988", "tel:+18006624357"]) {
    const anchor = portal.locator(`main a[href='${link}']`).first();
    await expect(anchor).toBeVisible();
    // A thumb-sized target on a phone.
    const box = await anchor.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(18);
  }
  await captureWidths(portal, "portal-resources-links");
  await context.close();
});
