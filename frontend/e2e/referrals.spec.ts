import { type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { ADMIN, apiCreateCase, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

type Headers = Record<string, string>;

/** Pick an option of a Mantine Select (options may carry badges, so the name is a pattern). */
async function choose(scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole("textbox", { name: label, exact: true }).click();
  await scope.page().getByRole("option", { name: option }).first().click();
}

async function moveCase(request: APIRequestContext, headers: Headers, caseId: string, statuses: string[]) {
  for (const status of statuses) {
    const response = await request.post(`/api/v1/cases/${caseId}/status`, { headers, data: { status } });
    expect(response.status(), await response.text()).toBe(200);
  }
}

async function createCenter(request: APIRequestContext, headers: Headers, name: string, beds: number) {
  const response = await request.post("/api/v1/treatment-centers", {
    headers,
    data: { name, levels_of_care: ["3.5", "3.7"], services: ["detox"], city: "Asheville", beds_available: beds },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

/** An API client makes the center a partner; its credentials are shown once. */
async function createPartnerClient(request: APIRequestContext, headers: Headers, centerId: string) {
  const response = await request.post(`/api/v1/treatment-centers/${centerId}/api-clients`, { headers, data: {} });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { client_id: string; client_secret: string };
}

async function partnerToken(request: APIRequestContext, credentials: { client_id: string; client_secret: string }): Promise<Headers> {
  const response = await request.post("/api/v1/auth/token", {
    form: { grant_type: "client_credentials", client_id: credentials.client_id, client_secret: credentials.client_secret },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return { Authorization: `Bearer ${body.access_token}` };
}

async function partnerReports(request: APIRequestContext, headers: Headers, referralId: string, body: Record<string, unknown>) {
  const response = await request.post(`/api/v1/partner/referrals/${referralId}/status`, { headers, data: body });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { status: string; redisclosure_notice: string };
}

/** Fill every element of the consent form for a center, signed by the client by typed name. */
async function fillConsent(form: Locator, centerName: string) {
  await choose(form, "Recipient treatment center", new RegExp(centerName));
  await form.getByLabel("Purpose of the disclosure").fill("Referral for admission to residential treatment and coordination of care.");
  await form.getByLabel("Information to be disclosed").fill("Substance use history, current use, risk factors and the intervention summary.");
}

async function recordConsent(page: Page, centerName: string, lastName: string) {
  await page.getByRole("button", { name: "Record consent" }).first().click();
  const form = page.getByRole("form", { name: "Record a consent to disclose" });
  await fillConsent(form, centerName);
  await form.getByRole("radio", { name: "On an event" }).check();
  await form.getByRole("radio", { name: "Other (describe)" }).check();
  await form.getByLabel("Expiration event").fill("Discharge from treatment");
  await form.getByLabel(/^Signature: the signer types/).fill(`daniel ${lastName.toLowerCase()}`);
  await form.getByRole("checkbox", { name: /^I confirm that Daniel/ }).check();
  await form.getByRole("button", { name: "Record consent" }).click();
  await expect(form).toBeHidden();
}

test("a consent, a referral to a partner center, the partner admits the client: the case is in treatment", async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await apiToken(request);
  const lastName = unique("Okafor");
  const created = await apiCreateCase(request, admin, { first_name: "Daniel", last_name: lastName });
  // A referral's admission moves the case to "in treatment" from "intervention held".
  await moveCase(request, admin, created.id, ["planning", "scheduled", "intervention_held"]);
  const center = await createCenter(request, admin, unique("Riverbend Recovery "), 3);
  const credentials = await createPartnerClient(request, admin, center.id);

  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=consents`);
  await expect(page.getByRole("heading", { name: "No consents yet" })).toBeVisible();
  await expect(page.getByText("A referral to a treatment center needs a Part 2 consent first")).toBeVisible();

  // The consent form: every Part 2 element, prefilled where the case and organisation know the answer.
  await page.getByRole("button", { name: "Record consent" }).click();
  const form = page.getByRole("form", { name: "Record a consent to disclose" });
  await expect(form.getByLabel("Patient name")).toHaveValue(`Daniel ${lastName}`);
  await expect(form.getByLabel("Disclosing party")).toHaveValue("Harbor Intervention Group");
  await expect(form.getByLabel("Signed by")).toHaveValue(`Daniel ${lastName}`);
  await fillConsent(form, center.name);
  const record = form.getByRole("button", { name: "Record consent" });

  // The e-signature: the typed name must match the signer and the confirmation be ticked.
  await expect(record).toBeDisabled();
  const signature = form.getByLabel(/^Signature: the signer types/);
  await signature.fill("Daniel");
  const confirm = form.getByRole("checkbox", { name: new RegExp(`^I confirm that Daniel ${lastName} read this consent`) });
  await confirm.check();
  await expect(form.getByText(`Does not match “Daniel ${lastName}” yet`)).toBeVisible();
  await expect(record).toBeDisabled();
  await signature.fill(`  daniel   ${lastName.toUpperCase()} `);
  await expect(record).toBeEnabled();
  await confirm.uncheck();
  await expect(record).toBeDisabled();
  await confirm.check();

  // An expiry is required: a date or an event. Choosing the event and leaving it empty is refused, next to the field.
  await form.getByRole("radio", { name: "On an event" }).check();
  await record.click();
  await expect(form.getByText("Choose the event that ends the consent")).toBeVisible();
  await form.getByRole("radio", { name: "Other (describe)" }).check();
  await record.click();
  await expect(form.getByText("Describe the event that ends the consent")).toBeVisible();
  await expect(form.getByLabel("Expiration event")).toHaveAttribute("aria-invalid", "true");
  // The events Cairn sees happen itself are offered as choices.
  await form.getByRole("radio", { name: "Discharge from the recipient treatment center" }).check();
  await expect(form.getByLabel("Expiration event")).toBeHidden();
  // The scan runs with the pointer on the primary button: its hover shade must keep its contrast too.
  await record.hover();
  await expectAccessible(page, "consent form (button hovered)");
  await captureWidths(page, "consent-form");
  await record.click();
  await expect(form).toBeHidden();

  const consentCard = page.getByRole("listitem", { name: `Consent for ${center.name}` });
  await expect(consentCard).toContainText("Consent active");
  await expect(consentCard).toContainText(`Ends on: discharge from ${center.name}`);
  await expect(consentCard).toContainText(`Signed by Daniel ${lastName}`);

  // The printable form carries every element, the signature and the redisclosure notice.
  await consentCard.getByRole("link", { name: `View and print the consent for ${center.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent to disclose substance use disorder records" })).toBeVisible();
  const elements = page.getByRole("list", { name: "Elements of the consent" });
  await expect(elements).toContainText(`Daniel ${lastName}`);
  await expect(elements).toContainText("Harbor Intervention Group");
  await expect(elements).toContainText(center.name);
  await expect(elements).toContainText("Referral for admission to residential treatment");
  await expect(elements).toContainText("Substance use history");
  await expect(elements).toContainText("On this event: discharge from the recipient treatment center");
  await expect(page.getByLabel(`Typed signature: Daniel ${lastName}`)).toBeVisible();
  await expect(page.getByText("42 CFR part 2 prohibits unauthorized use or disclosure of these records")).toBeVisible();
  await expectAccessible(page, "consent print view");
  await captureWidths(page, "consent-print");
  const printButton = page.getByRole("button", { name: "Print" });
  await expect(printButton).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(printButton).toBeHidden();
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // A referral under that consent: the consent is the only one naming the center, so it is chosen already.
  await page.goto(`/cases/${created.id}?tab=referrals`);
  await expect(page.getByRole("heading", { name: "No referrals yet" })).toBeVisible();
  await page.getByRole("button", { name: "New referral" }).click();
  const dialog = page.getByRole("dialog", { name: "New referral" });
  await choose(dialog, "Treatment center", new RegExp(center.name));
  await expect(dialog.getByLabel("About this center")).toContainText("3 beds available");
  await expect(dialog.getByLabel("About this center")).toContainText("Partner");
  await expect(dialog.getByRole("textbox", { name: "Consent", exact: true })).toHaveValue(new RegExp(`^Signed by Daniel ${lastName}`));
  await choose(dialog, "Level of care", "ASAM 3.7 — Medically monitored inpatient");
  await dialog.getByLabel("Summary for the center").fill("Alcohol use disorder, severe; medically monitored withdrawal likely needed.");
  await dialog.getByRole("button", { name: "Create draft" }).click();
  await expect(dialog).toBeHidden();
  const referralCard = page.getByRole("listitem", { name: `Referral to ${center.name}` });
  await expect(referralCard).toContainText("Draft");

  await referralCard.getByRole("button", { name: `Send the referral to ${center.name}` }).click();
  const sendDialog = page.getByRole("dialog", { name: `Send the referral to ${center.name}?` });
  await sendDialog.getByRole("button", { name: "Send referral" }).click();
  await expect(sendDialog).toBeHidden();
  await expect(referralCard).toContainText("Sent");
  await referralCard.getByRole("link", { name: center.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Referral to ${center.name}` })).toBeVisible();
  const referralId = page.url().split("/referrals/")[1]!.split(/[?#]/)[0]!;
  await expect(page.getByText(`Waiting for ${center.name} to report the next step from its own system.`)).toBeVisible();
  // Staff can still cancel, but never record a partner's answers for it.
  await expect(page.getByRole("button", { name: "Cancel referral" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Record / })).toHaveCount(0);

  // The partner closes the loop through its own API: received, accepted (with a note), admitted.
  const partner = await partnerToken(request, credentials);
  const listed = await request.get("/api/v1/partner/referrals", { headers: partner });
  expect(listed.status()).toBe(200);
  expect(((await listed.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toContain(referralId);
  await partnerReports(request, partner, referralId, { status: "received" });
  await partnerReports(request, partner, referralId, { status: "accepted", note: "Bed 12 held until Friday." });
  const admitted = await partnerReports(request, partner, referralId, { status: "admitted" });
  expect(admitted.status).toBe("admitted");
  expect(admitted.redisclosure_notice).toContain("42 CFR part 2");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Referral to ${center.name}` })).toBeVisible();
  await expect(page.getByText("Partner center", { exact: true })).toBeVisible();
  const history = page.getByRole("region", { name: "History", exact: true });
  await expect(history.getByText("Accepted → Admitted")).toBeVisible();
  await expect(history.getByText("Received → Accepted")).toBeVisible();
  await expect(history.getByText("Sent → Received")).toBeVisible();
  await expect(history.getByText("Draft → Sent")).toBeVisible();
  await expect(history.getByText("“Bed 12 held until Friday.”")).toBeVisible();
  // The API names who moved it: the center for its own reports, the admin for creating and sending.
  await expect(history.getByText(`${center.name} (partner API)`)).toHaveCount(3);
  await expect(history.getByText(ADMIN.name, { exact: true })).toHaveCount(2);
  const caseSection = page.getByRole("region", { name: "Case", exact: true });
  await expect(caseSection).toContainText("In treatment");
  await expectAccessible(page, "referral page");
  await captureWidths(page, "referral-page");

  // The case itself moved to "in treatment".
  await caseSection.getByRole("link", { name: new RegExp(lastName) }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(lastName) })).toBeVisible();
  await expect(page.getByText("In treatment", { exact: true }).first()).toBeVisible();
  // A fresh token: the e2e server's access tokens last one minute, and this test may take longer.
  const timeline = await request.get(`/api/v1/cases/${created.id}`, { headers: await apiToken(request) });
  expect(((await timeline.json()) as { status: string }).status).toBe("in_treatment");

  // The board shows the referral in the Admitted column, named from the referral itself: no case is read for it.
  const caseReads: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/v1\/cases\//.test(request.url())) caseReads.push(request.url());
  });
  await page.goto("/referrals");
  const admittedColumn = page.getByRole("region", { name: "Admitted", exact: true });
  await expect(admittedColumn.getByRole("link", { name: new RegExp(`Daniel ${lastName}`) })).toBeVisible();
  await expect(admittedColumn.getByRole("link", { name: new RegExp(`Daniel ${lastName}`) })).toContainText(center.name);
  await expect(page.getByRole("region", { name: "Sent", exact: true }).getByRole("link", { name: new RegExp(lastName) })).toHaveCount(0);
  await expect(admittedColumn.getByRole("link", { name: new RegExp(`Daniel ${lastName}`) })).toContainText("Partner");
  expect(caseReads).toEqual([]);
  await expectAccessible(page, "referral board");
  await captureWidths(page, "referral-board");

  // Filters live in the URL and go to the API: only the Admitted column for this center.
  const filtered = page.waitForRequest(
    (request) => request.url().includes("/api/v1/referrals?") && new URL(request.url()).searchParams.get("treatment_center_id") === center.id,
  );
  await page.goto(`/referrals?status=admitted&center=${center.id}`);
  expect(new URL((await filtered).url()).searchParams.get("status")).toBe("admitted");
  await expect(page.getByRole("region", { name: "Admitted", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Sent", exact: true })).toHaveCount(0);
  await page.getByRole("region", { name: "Admitted", exact: true }).getByRole("link", { name: new RegExp(lastName) }).click();
  await expect(page).toHaveURL(new RegExp(`/referrals/${referralId}$`));

  // A hand-typed bad filter is dropped by the route, not sent to the API.
  const unfiltered = page.waitForRequest((request) => request.url().includes("/api/v1/referrals?"));
  await page.goto("/referrals?status=lost&center=not-a-center");
  const sent = new URL((await unfiltered).url()).searchParams;
  expect([sent.get("status"), sent.get("treatment_center_id")]).toEqual([null, null]);
  await expect(page.getByRole("region", { name: "Draft", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Admitted", exact: true })).toBeVisible();
});

test("no referral without a consent naming the center; staff record a non-partner center's decline; a revoked consent stays visible", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const admin = await apiToken(request);
  const lastName = unique("Reyes");
  const created = await apiCreateCase(request, admin, { first_name: "Daniel", last_name: lastName });
  const center = await createCenter(request, admin, unique("Lakeside Center "), 0);

  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=referrals`);
  await expect(page.getByText("No active consent names a treatment center")).toBeVisible();
  await page.getByRole("button", { name: "New referral" }).click();
  const dialog = page.getByRole("dialog", { name: "New referral" });
  await choose(dialog, "Treatment center", new RegExp(center.name));
  await expect(dialog.getByText("No active consent names this center")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Create draft" })).toBeDisabled();
  await dialog.getByRole("link", { name: "Go to the Consents tab" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("tab", { name: "Consents", selected: true })).toBeVisible();

  await recordConsent(page, center.name, lastName);
  await expect(page.getByRole("listitem", { name: `Consent for ${center.name}` })).toContainText("Consent active");

  // Referral to the non-partner center, sent; the staff member records what the center said on the phone.
  await page.getByRole("tab", { name: "Referrals" }).click();
  await page.getByRole("button", { name: "New referral" }).click();
  await choose(dialog, "Treatment center", new RegExp(center.name));
  await choose(dialog, "Level of care", "ASAM 3.5 — High-intensity residential");
  await dialog.getByLabel("Summary for the center").fill("Opioid use disorder; needs residential care.");
  await dialog.getByRole("button", { name: "Create draft" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("listitem", { name: `Referral to ${center.name}` }).getByRole("link", { name: center.name }).click();
  // A draft can still be corrected before it is sent.
  await page.getByRole("button", { name: "Edit draft" }).click();
  const edit = page.getByRole("dialog", { name: "Edit the draft referral" });
  await edit.getByLabel("Summary for the center").fill("Opioid use disorder; needs residential care. Prefers a women's program.");
  await edit.getByRole("button", { name: "Save draft" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText("Prefers a women's program.");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send referral" }).click();
  await expect(page.getByText(`${center.name} is not a partner`)).toBeVisible();
  const referralId = page.url().split("/referrals/")[1]!.split(/[?#]/)[0]!;

  // Meanwhile a colleague records "received" (the page still shows "sent"): the stale change is refused with 412.
  const colleague = await request.post(`/api/v1/referrals/${referralId}/status`, { headers: admin, data: { status: "received" } });
  expect(colleague.status(), await colleague.text()).toBe(200);
  await page.getByRole("button", { name: "Record accepted" }).click();
  const stale = page.getByRole("dialog", { name: "Record: Accepted" });
  await stale.getByRole("button", { name: "Record accepted" }).click();
  await expect(stale.getByText("This referral changed since you opened it")).toBeVisible();
  await stale.getByRole("button", { name: "Reload" }).click();
  await expect(stale).toBeHidden();
  await expect(page.getByRole("region", { name: "History", exact: true }).getByText("Sent → Received")).toBeVisible();

  await page.getByRole("button", { name: "Record declined" }).click();
  const decline = page.getByRole("dialog", { name: "Record: Declined" });
  await decline.getByRole("button", { name: "Record declined" }).click();
  await expect(decline.getByText("Give the center's reason for declining")).toBeVisible();
  await decline.getByLabel("Reason the center gave").fill("No bed before next month.");
  await decline.getByRole("button", { name: "Record declined" }).click();
  await expect(decline).toBeHidden();
  const history = page.getByRole("region", { name: "History", exact: true });
  await expect(history.getByText("Received → Declined")).toBeVisible();
  // Every move here was staff's (created, sent, received by the colleague's call, declined): each names the admin.
  await expect(history.getByText(ADMIN.name, { exact: true })).toHaveCount(4);
  await expect(history.getByText("“No bed before next month.”")).toBeVisible();
  await expect(page.getByText("This referral is declined: nothing more happens to it.")).toBeVisible();

  // Revoking the consent: a note is required; the revoked consent stays on the list.
  await page.goto(`/cases/${created.id}?tab=consents`);
  const consentCard = page.getByRole("listitem", { name: `Consent for ${center.name}` });
  await consentCard.getByRole("button", { name: `Revoke consent for ${center.name}` }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke consent" });
  await revoke.getByRole("button", { name: "Revoke consent" }).click();
  await expect(revoke.getByText("Say why, and who asked")).toBeVisible();
  await revoke.getByLabel("Reason for revoking").fill("Client revoked by phone.");
  await revoke.getByRole("checkbox", { name: "I confirm this consent is revoked as of now" }).check();
  await revoke.getByRole("button", { name: "Revoke consent" }).click();
  await expect(revoke).toBeHidden();
  await expect(consentCard).toContainText("Consent revoked");
  await expect(consentCard).toContainText("Client revoked by phone.");
  await expect(consentCard.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expectAccessible(page, "consents with a revoked one");
});
