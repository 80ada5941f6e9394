import { readFileSync } from "node:fs";
import { apiCreateCase, apiCreateUser, apiToken, expect, signIn, test, unique } from "./helpers";

test("a professional downloads a case's FHIR export and it is a Bundle", async ({ page, request }) => {
  const admin = await apiToken(request);
  const email = `${unique("fhir")}@harbor-e2e.org`;
  const password = "interventionist-password-e2e";
  await apiCreateUser(request, admin, { email, full_name: "Frankie Fhir", role: "interventionist", password });
  const me = await apiToken(request, email, password);
  const lastName = unique("Fhircase");
  const created = await apiCreateCase(request, me, { first_name: "Dana", last_name: lastName });
  const goal = await request.post(`/api/v1/cases/${created.id}/goals`, {
    headers: me,
    data: {
      subject: "client",
      title: "Keep drinks within the agreed limit",
      metric: "standard drinks per week",
      unit: "drinks",
      target_low: 0,
      target_high: 2,
    },
  });
  expect(goal.status(), await goal.text()).toBe(201);

  await signIn(page, email, password);
  await page.goto(`/cases/${created.id}`);
  await expect(page.getByRole("heading", { name: new RegExp(lastName), level: 1 })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "FHIR export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`cairn-${created.reference}-fhir.json`);
  const bundle = JSON.parse(readFileSync((await download.path()) ?? "", "utf-8")) as {
    resourceType: string;
    type: string;
    entry: { fullUrl: string; resource: { resourceType: string; name?: { family?: string }[]; target?: unknown[] } }[];
  };
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.type).toBe("collection");
  const patient = bundle.entry.find((e) => e.resource.resourceType === "Patient");
  expect(patient?.resource.name?.[0]?.family).toBe(lastName);
  const exported = bundle.entry.find((e) => e.resource.resourceType === "Goal");
  expect(exported?.resource.target).toEqual([
    { measure: { text: "standard drinks per week" }, detailRange: { low: { value: 0, unit: "drinks" }, high: { value: 2, unit: "drinks" } } },
  ]);
  expect(bundle.entry.every((e) => e.fullUrl.startsWith("urn:uuid:"))).toBe(true);
});
