import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiToken, captureWidths, expectAccessible, signIn, unique } from "./helpers";

const PHONE = { width: 390, height: 844 };
const PASSWORD = "a long recovery password";

async function post(request: APIRequestContext, headers: Record<string, string>, path: string, data: unknown, status = 201) {
  const response = await request.post(`/api/v1${path}`, { headers, data });
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

/** Invite and accept through the API: the person can then sign in to the portal. */
async function portalAccount(request: APIRequestContext, headers: Record<string, string>, caseId: string, respondent: string) {
  const invitation = (await post(request, headers, `/cases/${caseId}/invitations`, { respondent })) as { code: string };
  const accepted = await request.post("/api/v1/auth/accept-invite", { data: { code: invitation.code, password: PASSWORD } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const tokens = (await accepted.json()) as { access_token: string };
  return { Authorization: `Bearer ${tokens.access_token}` };
}

test("a professional builds an aftercare plan from the directory, prints it, and escalates after a relapse reported in the portal; a family member sees only their part at 390 px", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000); // one long story on a shared machine
  const headers = await apiToken(request);
  const last = unique("Reyes");
  const clientEmail = `${unique("mia")}@client-e2e.org`;
  const graceEmail = `${unique("grace")}@family-e2e.org`;
  const created = (await post(request, headers, "/cases", { client: { first_name: "Mia", last_name: last, email: clientEmail } })) as {
    id: string;
  };
  const grace = (await post(request, headers, `/cases/${created.id}/participants`, {
    full_name: `Grace ${last}`,
    relationship: "sibling",
    email: graceEmail,
  })) as { id: string };
  const centerName = unique("Riverbend ");
  await post(request, headers, "/treatment-centers", { name: centerName, levels_of_care: ["2.1"] });
  const groupName = unique("Serenity Group ");
  await post(request, headers, "/resources", {
    name: groupName,
    kind: "mutual_help",
    audience: "client",
    fellowship: "AA",
    format: "in_person",
    time_zone: "America/Chicago",
    meetings: [{ day_of_week: "tuesday", start_time: "19:00", end_time: "20:00" }],
  });
  const familyGroup = unique("Hope Al-Anon ");
  await post(request, headers, "/resources", {
    name: familyGroup,
    kind: "family_support",
    audience: "family",
    fellowship: "Al-Anon",
    format: "online",
    online_url: "https://meet.example.org/hope",
  });
  for (const status of ["planning", "scheduled", "intervention_held", "in_treatment", "aftercare"]) {
    await post(request, headers, `/cases/${created.id}/status`, { status }, 200);
  }

  // The professional: the plan opened with five follow-ups when the case reached aftercare.
  await signIn(page);
  await page.goto(`/cases/${created.id}?tab=aftercare`);
  await expect(page.getByRole("heading", { name: "Follow-ups" })).toBeVisible();
  await expect(page.getByTestId("follow-up")).toHaveCount(5);
  await page.getByLabel("Coping strategies").fill("Call my sponsor before 9 pm\nWalk the dog");
  await page.getByLabel("Warning signs").fill("Skipping meetings");
  await page.getByRole("button", { name: "Add a contact" }).click();
  const contact = page.getByRole("group", { name: "Emergency contact 1" });
  await contact.getByLabel("Name").fill("Sam (sponsor)");
  await contact.getByLabel("Phone").fill("555-010-0142");
  // Choosing a resource searches the directory.
  await page.getByRole("textbox", { name: "Add a resource" }).fill(groupName.slice(0, 14));
  await page.getByRole("option", { name: new RegExp(groupName) }).click();
  await expect(page.getByRole("group", { name: groupName })).toBeVisible();
  const support = page.getByRole("group", { name: `Support for Grace ${last}` });
  await support.getByLabel("Commitment").fill("Al-Anon every Tuesday; no more bailouts.");
  await support.getByRole("textbox", { name: "Their support group" }).click();
  await page.getByRole("option", { name: new RegExp(familyGroup) }).click();
  await page.getByLabel("What counts as a relapse").fill("Any drinking");
  await page.getByRole("textbox", { name: "Next level of care" }).click();
  await page.getByRole("option", { name: /2\.1/ }).click();
  const agreement = page.getByRole("region", { name: "Escalation agreement" });
  await agreement.getByRole("textbox", { name: "Treatment center" }).click();
  await page.getByRole("option", { name: new RegExp(centerName) }).click();
  await page.getByLabel("Who calls whom").fill("Grace calls the interventionist");
  await page.getByRole("button", { name: "Save aftercare plan" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await expectAccessible(page, "aftercare tab");
  await captureWidths(page, "aftercare-tab");

  // Every saved version is kept: who saved it, when, and what changed.
  await page.getByRole("button", { name: "Show history" }).click();
  const versions = page.getByRole("table", { name: "Aftercare plan revisions" });
  await expect(versions.getByRole("row")).toHaveCount(3); // the header, the opened plan, the saved one
  const changes = page.getByRole("list", { name: /Changes from version 1 to 2/ });
  await expect(changes).toContainText("Coping strategies");
  await expect(changes).toContainText("Added: Call my sponsor before 9 pm");
  await expect(changes).toContainText(`Family support: Grace ${last}`);

  // The client's printed copy leaves out the family's part, and Grace's copy the client's.
  await page.getByRole("link", { name: "Print the client's copy" }).click();
  await expect(page.getByRole("heading", { name: `Mia's aftercare plan` })).toBeVisible();
  await expect(page.getByText("Call my sponsor before 9 pm")).toBeVisible();
  await expect(page.getByText(groupName)).toBeVisible();
  await expect(page.getByText("no more bailouts")).toHaveCount(0);
  await expectAccessible(page, "aftercare print");
  await page.getByRole("link", { name: "← Back to the aftercare plan" }).click();
  await page.getByRole("link", { name: `Print Grace ${last}'s copy` }).click();
  await expect(page.getByText("Al-Anon every Tuesday; no more bailouts.")).toBeVisible();
  await expect(page.getByText(familyGroup)).toBeVisible();
  await expect(page.getByText("Call my sponsor before 9 pm")).toHaveCount(0);
  await expect(page.getByText(groupName)).toHaveCount(0);

  // A relapse reported in the portal raises an alert that names the agreed step.
  const client = await portalAccount(request, headers, created.id, "client");
  await post(request, client, "/portal/check-ins", { days_used: 2, substances_used: ["alcohol"] });
  await page.goto("/alerts");
  await expect(page.getByText(/Relapse in aftercare/).first()).toBeVisible();

  // Escalate: explained before it is confirmed; a draft referral is made.
  await page.goto(`/cases/${created.id}?tab=aftercare`);
  await page.getByRole("button", { name: "Escalate after a relapse" }).click();
  const dialog = page.getByRole("dialog", { name: "Escalate as agreed" });
  await expect(dialog).toContainText("draft");
  await expect(dialog).toContainText(centerName);
  await expect(dialog).toContainText("needs an active consent");
  await dialog.getByLabel("What happened").fill("Drank on two days; stepping up as agreed.");
  await dialog.getByRole("button", { name: "Escalate and draft the referral" }).click();
  await expect(page).toHaveURL(/\/referrals\//);
  await expect(page.getByText("No consent yet")).toBeVisible();

  // Grace, on her phone: only her own part.
  await portalAccount(request, headers, created.id, grace.id);
  const context = await browser.newContext({ baseURL, viewport: PHONE, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto("/portal/login");
  await phone.getByLabel("Email").fill(graceEmail);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await phone.getByRole("link", { name: "My aftercare plan" }).click();
  await expect(phone.getByRole("heading", { name: "My aftercare plan" })).toBeVisible();
  await expect(phone.getByText("Al-Anon every Tuesday; no more bailouts.")).toBeVisible();
  await expect(phone.getByTestId("my-resource")).toContainText(familyGroup);
  await expect(phone.getByText("Call my sponsor before 9 pm")).toHaveCount(0);
  await expect(phone.getByText("Skipping meetings")).toHaveCount(0);
  await expect(phone.getByText(groupName)).toHaveCount(0);
  await expectAccessible(phone, "portal aftercare");
  await captureWidths(phone, "portal-aftercare");
  await context.close();
});

/** Pages in a PDF that Chromium printed (each page object is `/Type /Page`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

test("a full aftercare plan prints on one sheet, Letter and A4, for the client and for a family member", async ({ page, request }) => {
  test.setTimeout(120_000);
  const headers = await apiToken(request);
  const last = unique("Okafor");
  const created = (await post(request, headers, "/cases", { client: { first_name: "Nate", last_name: last } })) as { id: string };
  const grace = (await post(request, headers, `/cases/${created.id}/participants`, { full_name: `Grace ${last}`, relationship: "sibling" })) as {
    id: string;
  };
  const center = (await post(request, headers, "/treatment-centers", { name: unique("Riverside Recovery Center"), levels_of_care: ["2.1"] })) as {
    id: string;
  };
  const resource = async (name: string, audience: string, days: string[]) =>
    (
      (await post(request, headers, "/resources", {
        name: unique(name),
        kind: audience === "client" ? "mutual_help" : "family_support",
        audience,
        format: "in_person",
        address_line: "3300 N Broadway, St. Luke's Hall (side door)",
        city: "Chicago",
        region: "IL",
        postal_code: "60657",
        phone: "(312) 555-0177",
        time_zone: "America/Chicago",
        meetings: days.map((day_of_week) => ({ day_of_week, start_time: "19:00", end_time: "20:00" })),
      })) as { id: string }
    ).id;
  const groups = [
    await resource("Lakeview Serenity Group", "client", ["monday", "wednesday", "friday"]),
    await resource("SMART Recovery Evanston", "client", ["wednesday"]),
    await resource("Recovery coach", "client", ["thursday"]),
  ];
  const family = await resource("Al-Anon Lakeview", "family", ["tuesday"]);
  for (const step of ["planning", "scheduled", "intervention_held", "in_treatment", "aftercare"]) {
    await post(request, headers, `/cases/${created.id}/status`, { status: step }, 200);
  }
  const current = await request.get(`/api/v1/cases/${created.id}/aftercare`, { headers });
  const many = (what: string, n: number) => Array.from({ length: n }, (_, i) => `${what} ${i + 1}: a sentence of ordinary length`);
  const saved = await request.put(`/api/v1/cases/${created.id}/aftercare`, {
    headers: { ...headers, "If-Match": current.headers().etag },
    data: {
      relapse_prevention: {
        triggers: many("Trigger", 4),
        warning_signs: many("Warning sign", 4),
        high_risk_situations: many("High-risk situation", 3),
        coping_strategies: many("Coping strategy", 5),
      },
      emergency_contacts: [
        { name: `Grace ${last}`, relationship: "sister", phone: "555-010-0142", participant_id: grace.id },
        { name: "Omar Rosenberg", relationship: "parent", phone: "555-025-8351" },
        { name: "Sam", relationship: "sponsor", phone: "555-014-7788" },
      ],
      resources: [
        ...groups.map((resource_id) => ({ resource_id, for: "client", note: "Home group: go at least twice a week." })),
        { resource_id: family, for: grace.id, note: "Tuesday nights, with other families." },
      ],
      sober_living: { name: "Maple House", move_in_date: "2026-12-20" },
      outpatient: { treatment_center_id: center.id, name: "Riverside IOP", level_of_care: "2.1" },
      medication: { kind: "buprenorphine", prescriber: "Dr. Anita Rao", notes: "Weekly visits" },
      family_support: [{ participant_id: grace.id, resource_id: family, commitment: "Al-Anon every Tuesday; no more bailouts." }],
      escalation_agreement: {
        relapse_definition: "Any opioid use, or two missed check-ins in a row.",
        next_level_of_care: "2.1",
        treatment_center_id: center.id,
        who_calls: "The family calls the interventionist the same day; the interventionist calls intake.",
        agreed_by: ["client", grace.id],
        agreed_at: "2026-11-03T11:07:00Z",
      },
      notes: "Team only: never printed.",
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);

  await signIn(page);
  for (const copy of ["client", grace.id]) {
    await page.goto(`/cases/${created.id}/aftercare/print?for=${copy}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("aftercare");
    await expect(page.getByText(/Lakeview|Al-Anon/).first()).toBeVisible();
    await expect(page.getByText("Team only")).toHaveCount(0);
    for (const format of ["Letter", "A4"] as const) {
      expect(pdfPages(await page.pdf({ format })), `${copy === "client" ? "client" : "family"} copy on ${format}`).toBe(1);
    }
  }
});
