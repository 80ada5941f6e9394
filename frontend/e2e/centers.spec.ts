import { type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { apiCreateCase, apiCreateUser, apiToken, captureWidths, expectAccessible, signIn, unique, expect, test } from "./helpers";

type Headers = Record<string, string>;

interface Center {
  id: string;
  name: string;
  version: number;
  beds_available: number | null;
}

async function apiCreateCenter(request: APIRequestContext, headers: Headers, body: Record<string, unknown>) {
  const response = await request.post("/api/v1/treatment-centers", { headers, data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Center;
}

/** Pick options of a Mantine Select or MultiSelect by the input's label. */
async function choose(scope: Page | Locator, label: string, ...options: string[]) {
  const page = "page" in scope ? scope.page() : scope;
  await scope.getByRole("textbox", { name: label, exact: true }).click();
  // A MultiSelect's list stays open between picks.
  for (const option of options) await page.getByRole("option", { name: option, exact: true }).click();
}

function centerRow(page: Page, name: string) {
  return page.getByTestId(`center-${name}`);
}

test("an admin adds a center, filters the directory and keeps bed counts current", async ({ page, request }) => {
  const headers = await apiToken(request);
  const tag = unique("e2e");
  const lakeside = `Lakeside Recovery ${tag}`;
  const outpatient = `Northside Outpatient ${tag}`;
  await apiCreateCenter(request, headers, {
    name: outpatient,
    levels_of_care: ["1", "2.1"],
    services: ["outpatient", "family_program"],
    city: "Saint Paul",
    region: "MN",
    beds_available: 0,
  });

  await signIn(page);
  await page.getByRole("link", { name: "Treatment centers" }).click();
  await expect(page.getByRole("heading", { name: "Treatment centers", level: 1 })).toBeVisible();

  // Adding: the form says what is missing, then shows the API's verdict at the field.
  await page.getByRole("button", { name: "Add center" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add treatment center" });
  await dialog.getByRole("button", { name: "Add center" }).click();
  await expect(dialog.getByText("Enter the center's name")).toBeVisible();
  await dialog.getByRole("textbox", { name: /^Name/ }).fill(lakeside);
  await dialog.getByLabel("Phone").fill("call us");
  await dialog.getByRole("button", { name: "Add center" }).click();
  // Only the server checks phone numbers: this message comes from the 422 problem.
  await expect(dialog.getByText(/phone number of 7 to 15 digits/)).toBeVisible();
  await expect(dialog.getByLabel("Phone")).toBeFocused();
  await dialog.getByLabel("Phone").fill("+1 218 555 0100");
  await choose(dialog, "Levels of care (ASAM)", "ASAM 3.5 — High-intensity residential", "ASAM 3.7 — Medically monitored inpatient");
  await choose(dialog, "Services", "Detox");
  await dialog.getByLabel("Populations served").fill("Adults");
  await dialog.getByLabel("Populations served").press("Enter");
  await dialog.getByLabel("City").fill("Duluth");
  await dialog.getByLabel("State or region").fill("MN");
  await dialog.getByLabel("Country").fill("us");
  await dialog.getByLabel("Website").fill("lakeside.example.org");
  await expectAccessible(page, "center form");
  await dialog.getByRole("button", { name: "Add center" }).click();
  await expect(dialog).toBeHidden();

  const lakesideRow = centerRow(page, lakeside);
  await expect(lakesideRow).toContainText("Duluth, MN");
  await expect(lakesideRow).toContainText("Beds unknown");
  await expect(lakesideRow).toContainText("Medically monitored inpatient");
  await expect(lakesideRow).toContainText("Serves: Adults");
  await expect(lakesideRow.getByRole("link", { name: /lakeside\.example\.org/ })).toHaveAttribute(
    "href",
    "https://lakeside.example.org/",
  );
  await expect(lakesideRow.getByRole("link", { name: "+1 218 555 0100" })).toHaveAttribute("href", "tel:+12185550100");

  // Filters: text, then "has beds" (neither center has any yet).
  await page.getByRole("searchbox", { name: "Search" }).fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(centerRow(page, outpatient)).toContainText("No beds");
  await expect(centerRow(page, outpatient)).toContainText("updated just now");
  await page.getByRole("switch", { name: "Has beds now" }).check();
  await expect(page).toHaveURL(/has_beds=true/);
  await expect(page.getByRole("heading", { name: "No centers match these filters" })).toBeVisible();

  // Four beds open at Lakeside: it appears under "has beds".
  await page.getByRole("switch", { name: "Has beds now" }).uncheck();
  await lakesideRow.getByRole("button", { name: `Edit ${lakeside}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${lakeside}` });
  await expect(edit.getByLabel("Website")).toHaveValue("https://lakeside.example.org/");
  await edit.getByLabel("Beds available now").fill("4");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(lakesideRow).toContainText("4 beds");
  await expect(lakesideRow).toContainText("updated just now");
  await page.getByRole("switch", { name: "Has beds now" }).check();
  await expect(lakesideRow).toBeVisible();
  await expect(centerRow(page, outpatient)).toHaveCount(0);

  // Level of care: outpatient only, with or without beds.
  await choose(page, "Level of care", "ASAM 1 — Outpatient");
  await expect(page.getByRole("heading", { name: "No centers match these filters" })).toBeVisible();
  await page.getByRole("switch", { name: "Has beds now" }).uncheck();
  await expect(centerRow(page, outpatient)).toBeVisible();
  await expect(lakesideRow).toHaveCount(0);

  // The filters live in the URL: a reload (or a shared link) shows the same list.
  await expect(page).toHaveURL(/level_of_care=/);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Level of care", exact: true })).toHaveValue("ASAM 1 — Outpatient");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(tag);
  await expect(centerRow(page, outpatient)).toBeVisible();
  await expect(lakesideRow).toHaveCount(0);
  await expectAccessible(page, "centers directory");
  await captureWidths(page, "centers");

  // Someone else changes the center while the edit form is open: 412, nothing written.
  const outpatientRow = centerRow(page, outpatient);
  await outpatientRow.getByRole("button", { name: `Edit ${outpatient}` }).click();
  const stale = page.getByRole("dialog", { name: `Edit ${outpatient}` });
  await expect(stale.getByLabel("Beds available now")).toHaveValue("0");
  const list = await request.get(`/api/v1/treatment-centers?q=${encodeURIComponent(outpatient)}`, { headers });
  const [current] = ((await list.json()) as { items: Center[] }).items;
  const other = await request.patch(`/api/v1/treatment-centers/${current!.id}`, { headers, data: { beds_available: 2 } });
  expect(other.status(), await other.text()).toBe(200);
  await stale.getByLabel("City").fill("Minneapolis");
  await stale.getByRole("button", { name: "Save changes" }).click();
  await expect(stale.getByRole("alert")).toContainText("Someone else changed this center since you opened it");
  await stale.getByRole("button", { name: "Reload" }).click();
  await expect(stale.getByLabel("Beds available now")).toHaveValue("2");
  await expect(stale.getByLabel("City")).toHaveValue("Saint Paul");
  await stale.getByLabel("City").fill("Minneapolis");
  await stale.getByRole("button", { name: "Save changes" }).click();
  await expect(stale).toBeHidden();
  await expect(outpatientRow).toContainText("Minneapolis, MN");
  await expect(outpatientRow).toContainText("2 beds");
});

test("staff who are not admins read the directory but cannot change it", async ({ page, request }) => {
  const headers = await apiToken(request);
  const name = `Harbor House ${unique("e2e")}`;
  await apiCreateCenter(request, headers, { name, levels_of_care: ["3.5"], beds_available: 1 });
  const email = `${unique("ines")}@harbor-e2e.org`;
  const password = "interventionist-pass-1";
  await apiCreateUser(request, headers, { email, full_name: "Rowan Reader", role: "interventionist", password });

  await signIn(page, email, password);
  await page.goto(`/centers?q=${encodeURIComponent(name)}`);
  await expect(centerRow(page, name)).toContainText("1 bed");
  await expect(page.getByRole("button", { name: "Add center" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Edit ${name}` })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Partner access" })).toHaveCount(0);
  await page.goto("/partner-access");
  await expect(page).toHaveURL(/\/cases$/);

  // A hand-edited URL: the route drops what it does not understand instead of sending it to the API.
  const listed = page.waitForRequest((r) => r.url().includes("/api/v1/treatment-centers?"));
  await page.goto(`/centers?level_of_care=9.9&service=juggling&q=${encodeURIComponent(name)}`);
  const sent = new URL((await listed).url()).searchParams;
  expect([sent.get("level_of_care"), sent.get("service"), sent.get("q")]).toEqual([null, null, name]);
  await expect(centerRow(page, name)).toContainText("1 bed");
});

test("an admin gives a partner API access: secrets shown once, working credentials, webhooks and deliveries", async ({
  page,
  request,
}) => {
  const headers = await apiToken(request);
  const name = `Pinecrest Treatment ${unique("e2e")}`;
  const center = await apiCreateCenter(request, headers, { name, levels_of_care: ["3.7"], city: "Duluth" });

  await signIn(page);
  await page.getByRole("link", { name: "Partner access" }).click();
  await expect(page.getByRole("heading", { name: "Partner access", level: 1 })).toBeVisible();
  await expect(page.getByText("docs/partners.md")).toBeVisible();
  await choose(page, "Treatment center", `${name} — Duluth`);
  await expect(page).toHaveURL(new RegExp(`center=${center.id}`));
  await expect(page.getByText(`${name} has no API access yet.`)).toBeVisible();

  // Create a client: the secrets are shown once, and the dialog needs a confirmation to close.
  await page.getByRole("button", { name: "Create API client" }).click();
  const create = page.getByRole("dialog", { name: `New API client for ${name}` });
  await create.getByLabel("Webhook URL (optional)").fill("partner.example.org/hooks");
  await create.getByRole("button", { name: "Create client" }).click();
  await expect(create.getByText(/Enter a full address/)).toBeVisible();
  await create.getByLabel("Webhook URL (optional)").fill("https://partner.example.org/cairn/webhooks");
  await create.getByRole("button", { name: "Create client" }).click();

  const secrets = page.getByRole("dialog", { name: `API credentials for ${name}` });
  await expect(secrets.getByText("You will not see these again")).toBeVisible();
  await expect(create).toBeHidden();
  const clientId = (await secrets.getByTestId("secret-client-id").textContent())!.trim();
  const clientSecret = (await secrets.getByTestId("secret-client-secret").textContent())!.trim();
  const webhookSecret = (await secrets.getByTestId("secret-webhook-secret").textContent())!.trim();
  expect(clientSecret.length).toBeGreaterThan(20);
  expect(webhookSecret.length).toBeGreaterThan(20);
  await expect(secrets.getByRole("button", { name: "Copy the client secret" })).toBeVisible();
  await expect(secrets.getByRole("button", { name: "Done" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(secrets).toBeVisible();
  await expectAccessible(page, "API credentials shown once");
  await secrets.getByLabel("I have copied these and stored them somewhere safe").check();
  await secrets.getByRole("button", { name: "Done" }).click();
  await expect(secrets).toBeHidden();

  const row = page.getByTestId(`client-${clientId}`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("https://partner.example.org/cairn/webhooks");
  await expect(page.getByText(clientSecret)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`client-${clientId}`)).toBeVisible();
  await expect(page.getByText(clientSecret)).toHaveCount(0);
  await expect(page.getByText(webhookSecret)).toHaveCount(0);

  // The credentials work: the center's system gets a partner token and reaches its API.
  const grant = await request.post("/api/v1/auth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
  });
  expect(grant.status(), await grant.text()).toBe(200);
  const partnerToken = ((await grant.json()) as { access_token: string }).access_token;
  const referrals = await request.get("/api/v1/partner/referrals", {
    headers: { Authorization: `Bearer ${partnerToken}` },
  });
  expect(referrals.status(), await referrals.text()).toBe(200);

  // The directory now shows the center as a partner.
  await page.goto(`/centers?q=${encodeURIComponent(name)}`);
  await expect(centerRow(page, name).getByText("Partner", { exact: true })).toBeVisible();
  await centerRow(page, name).getByRole("link", { name: `API access of ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/partner-access\\?center=${center.id}`));

  // Change the webhook URL.
  await page.getByTestId(`client-${clientId}`).getByRole("button", { name: `Change webhook of ${clientId}` }).click();
  const webhook = page.getByRole("dialog", { name: "Webhook URL" });
  await webhook.getByRole("textbox", { name: "Webhook URL" }).fill("https://intake.pinecrest.example.org/cairn");
  await webhook.getByRole("button", { name: "Save" }).click();
  await expect(webhook).toBeHidden();
  await expect(page.getByTestId(`client-${clientId}`)).toContainText("https://intake.pinecrest.example.org/cairn");

  // Deliveries: none for alerts yet (the organisation has no endpoint).
  const deliveries = page.getByRole("region", { name: "Recent webhook deliveries" });
  await choose(deliveries, "Event", "Alert raised");
  await expect(deliveries.getByTestId("deliveries-empty")).toContainText("No deliveries match these filters");

  // The organisation's own endpoint: its signing secret is shown once too.
  const endpoint = page.getByRole("region", { name: "Your organization's webhook" });
  await endpoint.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/cairn-events");
  await expect(endpoint.getByText(/Plain http is readable/)).toBeVisible();
  await endpoint.getByRole("button", { name: "Save endpoint" }).click();
  const endpointSecret = page.getByRole("dialog", { name: "Webhook signing secret" });
  const signing = (await endpointSecret.getByTestId("secret-endpoint-secret").textContent())!.trim();
  expect(signing.length).toBeGreaterThan(20);
  await endpointSecret.getByLabel("I have copied these and stored them somewhere safe").check();
  await endpointSecret.getByRole("button", { name: "Done" }).click();
  await expect(endpoint.getByTestId("org-endpoint-url")).toHaveText("http://127.0.0.1:9/cairn-events");
  await expect(page.getByText(signing)).toHaveCount(0);

  // A safety answer raises an alert, which is queued for the endpoint (this server runs no worker).
  const lastName = unique("Reyes");
  const created = await apiCreateCase(request, headers, { first_name: "Dana", last_name: lastName });
  const checkIn = await request.post(`/api/v1/cases/${created.id}/check-ins`, {
    headers,
    data: { respondent: "client", days_used: 0, safety: { overdose: true } },
  });
  expect(checkIn.status(), await checkIn.text()).toBe(201);
  await deliveries.getByRole("button", { name: "Refresh" }).click();
  const deliveryRow = deliveries.getByRole("row").filter({ hasText: "Alert raised" }).first();
  await expect(deliveryRow).toContainText("Your endpoint");
  await expect(deliveryRow).toContainText("http://127.0.0.1:9/cairn-events");
  await expect(deliveryRow).toContainText("Pending");
  await expect(deliveryRow).toContainText("Not tried yet");
  await deliveryRow.getByRole("button", { name: /^Payload of alert\.created/ }).click();
  const payload = page.getByRole("dialog", { name: "Payload: alert.created" });
  await expect(payload.getByTestId("delivery-payload")).toContainText(created.id);
  // Ids only: nothing that names the client.
  await expect(payload.getByTestId("delivery-payload")).not.toContainText(lastName);
  await expectAccessible(page, "delivery payload");
  await payload.getByRole("button", { name: "Close" }).click();
  await expect(payload).toBeHidden();
  await expectAccessible(page, "partner access");
  await captureWidths(page, "partner-access");
  // On a phone the clients and deliveries are cards, with the same actions, not sideways-scrolling tables.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(deliveries.getByRole("table")).toHaveCount(0);
  const deliveryCard = deliveries.getByRole("listitem").filter({ hasText: "Alert raised" }).first();
  await expect(deliveryCard).toContainText("http://127.0.0.1:9/cairn-events");
  await expect(deliveryCard.getByRole("button", { name: /^Payload of alert\.created/ })).toBeVisible();
  await expect(page.getByTestId(`client-${clientId}`)).toHaveAttribute("role", "listitem");
  await expect(page.getByTestId(`client-${clientId}`).getByRole("button", { name: `Revoke ${clientId}` })).toBeVisible();
  await expectAccessible(page, "partner access on a phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(deliveries.getByRole("table")).toBeVisible();
  await choose(deliveries, "Status", "Delivered");
  await expect(deliveries.getByTestId("deliveries-empty")).toBeVisible();

  // Revoking ends the center's access at once.
  await page.getByTestId(`client-${clientId}`).getByRole("button", { name: `Revoke ${clientId}` }).click();
  await page.getByRole("dialog", { name: "Revoke API client?" }).getByRole("button", { name: "Revoke access" }).click();
  await expect(page.getByTestId(`client-${clientId}`)).toContainText("Revoked");
  const refused = await request.post("/api/v1/auth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
  });
  expect([400, 401]).toContain(refused.status());
});
