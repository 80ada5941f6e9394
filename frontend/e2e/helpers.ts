import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const ADMIN = {
  email: process.env.E2E_ADMIN_EMAIL ?? "admin@harbor-e2e.org",
  password: process.env.E2E_ADMIN_PASSWORD ?? "correct-horse-battery-e2e",
  name: process.env.E2E_ADMIN_NAME ?? "Avery Admin",
};

export const ARTIFACTS = "e2e/artifacts";

/** A unique suffix so tests never depend on each other's data. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A bearer token of its own, as a second user or device would have. */
export async function apiToken(request: APIRequestContext, email = ADMIN.email, password = ADMIN.password) {
  const response = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: email, password },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return { Authorization: `Bearer ${body.access_token}` };
}

export async function apiCreateCase(
  request: APIRequestContext,
  headers: Record<string, string>,
  client: { first_name: string; last_name: string },
  extra: Record<string, unknown> = {},
) {
  const response = await request.post("/api/v1/cases", { headers, data: { client, ...extra } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; reference: string; version: number };
}

export async function apiCreateUser(
  request: APIRequestContext,
  headers: Record<string, string>,
  user: { email: string; full_name: string; role: string; password: string },
) {
  const response = await request.post("/api/v1/users", { headers, data: user });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string };
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Staff land on the reports dashboard; the flows tested start from the caseload.
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
  await page.goto("/cases");
  await expect(page.getByRole("heading", { name: "Caseload" })).toBeVisible();
}

/** Fails on any serious or critical accessibility violation of the current page. */
export async function expectAccessible(page: Page, label: string) {
  // Toasts fade in and out; a scan mid-animation would measure a half-transparent
  // colour. Their colours are Mantine's text colours, checked on the pages themselves.
  const results = await new AxeBuilder({ page })
    .exclude(".mantine-Notifications-root")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = blocking.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * Screenshots at desktop and phone width; at phone width the page itself must
 * not scroll sideways (wide tables scroll inside their own container).
 */
export async function captureWidths(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      const excess = root.scrollWidth - root.clientWidth;
      if (excess <= 0) return [];
      // Name the elements that stick out, to make the failure actionable.
      return Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .filter((el) => {
          // Content clipped by a scrolling ancestor (a table's own container) is fine.
          for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return false;
          }
          return true;
        })
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} ${el.textContent?.slice(0, 40)}`)
        .concat([`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`]);
    });
    expect(overflow, `${name} scrolls horizontally at ${width}px`).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(original);
}

/**
 * Console errors a test expects (a deliberate 409 or 422, say): each test declares
 * them by asking for the `consoleErrors` fixture and calling `allow`.
 */
export interface ConsoleErrors {
  allow(pattern: RegExp): void;
  /** What was logged so far, for a test that wants to look. */
  readonly seen: string[];
}

/**
 * The `test` every spec uses: it fails a test on any console error or uncaught page
 * error, in the page it was given and in any other page it opened (a second
 * browser context for the portal, a popup), unless the test allowed it.
 * An expected-empty answer (no plan yet, no webhook endpoint) is 200 null, so a
 * quiet page logs nothing.
 */
/**
 * The browser logs every HTTP error answer as "Failed to load resource". The answers the
 * product gives on purpose to what a user typed or did (a wrong password 401, a refused
 * form 422, a stale edit 412, a conflict 409, a throttle 429) and a deliberately offline
 * phone are shown on the page, so they are not console errors of the app. A 404 (an
 * expected-empty answer must be 200 null), a 5xx, a console.error call and an uncaught
 * error still fail the test.
 */
const ANSWERED =
  /^Failed to load resource: (the server responded with a status of (401|409|412|422|429) |net::ERR_INTERNET_DISCONNECTED)/;

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ context, browser }, use) => {
      const seen: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (page: Page) => {
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          const where = message.location().url;
          seen.push(`${message.text()}${where ? ` (${where})` : ""} on ${page.url()}`);
        });
        page.on("pageerror", (error) => seen.push(`uncaught: ${error.message} on ${page.url()}`));
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watch);
        ctx.on("page", watch);
      };
      watchContext(context);
      // Specs that open a second context (a participant's phone) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const ctx = await newContext(...args);
        watchContext(ctx);
        return ctx;
      };
      try {
        await use({ allow: (pattern) => allowed.push(pattern), seen });
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = seen.filter((line) => !allowed.some((pattern) => pattern.test(line)) && !ANSWERED.test(line));
      expect(unexpected, "console errors (allow deliberate ones with consoleErrors.allow)").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
