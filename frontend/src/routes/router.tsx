import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { session } from "../api/client";
import { ApiError } from "../api/problem";
import type { Me } from "../api/types";
import { meQueryOptions } from "../features/auth/api";
import { caseQueryOptions } from "../features/cases/api";
import { parseAlertFilters, type AlertFilters } from "../features/alerts/filters";
import { parseCaseFilters, type CaseFilters } from "../features/cases/filters";
import { parseCenterFilters, type CenterFilters } from "../features/centers/filters";
import { parseResourceFilters, type ResourceFilters } from "../features/resources/filters";
import { parsePartnerAccessSearch, type PartnerAccessSearch } from "../features/partners/search";
import { parseBoardSearch, type BoardFilters } from "../features/referrals/board";
import { parseReportSearch, type ReportFilters } from "../features/reports/api";
import { parseAuditSearch, type AuditSearch } from "../features/audit/filters";
import { safeRedirect } from "../lib/redirect";
import { AppLayout } from "./AppLayout";
import { CasePageError, CASE_TABS, type CaseTab } from "./caseTabs";
import { NotFound, RootLayout, RouteError } from "./RootLayout";
import { portalRedirect } from "../features/portal/redirect";

export type LoginReason = "expired" | "staff-only";
export interface LoginSearch {
  redirect?: string;
  reason?: LoginReason;
}

export interface RouterContext {
  queryClient: QueryClient;
}

/**
 * TanStack Router lays a route's validated search over the raw one, so a key the
 * validator leaves out (say `?status=lost`) would still reach the page as typed.
 * Blank every raw key first: only what the parser accepted survives.
 */
function onlyValid<T extends object>(parse: (search: Record<string, unknown>) => T) {
  return (search: Record<string, unknown>): T =>
    ({ ...Object.fromEntries(Object.keys(search).map((key) => [key, undefined])), ...parse(search) }) as T;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: onlyValid<LoginSearch>(
    (search) => ({
      ...(typeof search.redirect === "string" ? { redirect: search.redirect } : {}),
      ...(search.reason === "expired" || search.reason === "staff-only" ? { reason: search.reason } : {}),
    }),
  ),
  beforeLoad: async ({ search }) => {
    if (session.isActive && (await session.ensure())) {
      throw redirect({ href: safeRedirect(search.redirect) });
    }
  },
  // Lazy like every page: a signed-in visit never loads the sign-in forms.
  component: lazyRouteComponent(() => import("./LoginPage"), "LoginPage"),
});

/** Everything below needs a signed-in staff member: this is the auth guard. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const toLogin = (reason?: LoginReason) =>
      redirect({ to: "/login", search: { redirect: location.href, ...(reason ? { reason } : {}) }, replace: true });
    const hadSession = session.isActive;
    if (!(await session.ensure())) throw toLogin(hadSession ? "expired" : undefined);
    let me;
    try {
      me = await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw toLogin("expired");
      throw error;
    }
    if (me.kind !== "staff") {
      // Portal and partner accounts have their own apps; this dashboard is for staff.
      await session.signOut();
      context.queryClient.clear();
      throw redirect({ to: "/login", search: { reason: "staff-only" }, replace: true });
    }
    return { me };
  },
  component: AppLayout,
});

/** Admin-only screens: anyone else lands on the caseload. */
function adminOnly({ context }: { context: { me: Me } }) {
  if (context.me.role !== "admin") throw redirect({ to: "/cases", replace: true });
}

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/reports", replace: true });
  },
});

const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reports",
  validateSearch: onlyValid<ReportFilters>(parseReportSearch),
  component: lazyRouteComponent(() => import("./ReportsPage"), "ReportsPage"),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/audit",
  validateSearch: onlyValid<AuditSearch>(parseAuditSearch),
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./AuditLogPage"), "AuditLogPage"),
});

const directoryImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/directory-import",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./DirectoryImportPage"), "DirectoryImportPage"),
});

const casesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cases",
  validateSearch: onlyValid<CaseFilters>(parseCaseFilters),
  component: lazyRouteComponent(() => import("./CasesPage"), "CasesPage"),
});

const caseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cases/$caseId",
  validateSearch: onlyValid<{ tab?: CaseTab }>((search) =>
    typeof search.tab === "string" && (CASE_TABS as readonly string[]).includes(search.tab) && search.tab !== "overview"
      ? { tab: search.tab as CaseTab }
      : {},
  ),
  loader: ({ context, params }) => context.queryClient.ensureQueryData(caseQueryOptions(params.caseId)),
  component: lazyRouteComponent(() => import("./CasePage"), "CasePage"),
  errorComponent: CasePageError,
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/users",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./UsersPage"), "UsersPage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./SettingsPage"), "SettingsPage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: lazyRouteComponent(() => import("./AccountPage"), "AccountPage"),
});

const runSheetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cases/$caseId/run-sheet",
  component: lazyRouteComponent(() => import("./RunSheetPage"), "RunSheetPage"),
});

const myTasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/tasks",
  validateSearch: onlyValid<{ overdue?: true }>((search) =>
    search.overdue === true || search.overdue === "true" ? { overdue: true } : {},
  ),
  component: lazyRouteComponent(() => import("./MyTasksPage"), "MyTasksPage"),
});

const reviewsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reviews",
  component: lazyRouteComponent(() => import("./ReviewsPage"), "ReviewsPage"),
});

const alertsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts",
  validateSearch: onlyValid<AlertFilters>(parseAlertFilters),
  component: lazyRouteComponent(() => import("./AlertsPage"), "AlertsPage"),
});

const referralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/referrals",
  validateSearch: onlyValid<BoardFilters>(parseBoardSearch),
  component: lazyRouteComponent(() => import("./ReferralsPage"), "ReferralsPage"),
});

const referralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/referrals/$referralId",
  component: lazyRouteComponent(() => import("./ReferralPage"), "ReferralPage"),
});

const consentPrintRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/consents/$consentId/print",
  component: lazyRouteComponent(() => import("./ConsentPrintPage"), "ConsentPrintPage"),
});

const aftercarePrintRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cases/$caseId/aftercare/print",
  validateSearch: onlyValid<{ for: string }>((search) => ({
    for: typeof search.for === "string" && search.for ? search.for.slice(0, 64) : "client",
  })),
  component: lazyRouteComponent(() => import("./AftercarePrintPage"), "AftercarePrintPage"),
});

const centersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/centers",
  validateSearch: onlyValid<CenterFilters>(parseCenterFilters),
  component: lazyRouteComponent(() => import("./CentersPage"), "CentersPage"),
});

const resourcesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/resources",
  validateSearch: onlyValid<ResourceFilters>(parseResourceFilters),
  component: lazyRouteComponent(() => import("./ResourcesPage"), "ResourcesPage"),
});

const partnerAccessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/partner-access",
  validateSearch: onlyValid<PartnerAccessSearch>(parsePartnerAccessSearch),
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import("./PartnerAccessPage"), "PartnerAccessPage"),
});

// --- The client and family portal (portal tokens; its own layout) -----------

export interface PortalLoginSearch {
  redirect?: string;
  reason?: "expired";
}

const portalLoginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/portal/login",
  validateSearch: onlyValid<PortalLoginSearch>(
    (search) => ({
      ...(typeof search.redirect === "string" ? { redirect: search.redirect } : {}),
      ...(search.reason === "expired" ? { reason: "expired" as const } : {}),
    }),
  ),
  beforeLoad: async ({ context, search }) => {
    if (!session.isActive || !(await session.ensure())) return;
    const me = await context.queryClient.ensureQueryData(meQueryOptions).catch(() => null);
    if (me?.kind === "portal") throw redirect({ href: portalRedirect(search.redirect), replace: true });
  },
  component: lazyRouteComponent(() => import("./portal/PortalLoginPage"), "PortalLoginPage"),
});

const portalAcceptRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/portal/accept",
  validateSearch: onlyValid<{ code?: string }>((search) =>
    typeof search.code === "string" || typeof search.code === "number" ? { code: String(search.code).slice(0, 64) } : {},
  ),
  component: lazyRouteComponent(() => import("./portal/PortalAcceptPage"), "PortalAcceptPage"),
});

/** The portal's auth guard: a portal session, or the portal sign-in page. */
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "portal",
  beforeLoad: async ({ context, location }) => {
    const toLogin = (expired: boolean) =>
      redirect({
        to: "/portal/login",
        search: { redirect: location.href, ...(expired ? { reason: "expired" as const } : {}) },
        replace: true,
      });
    const hadSession = session.isActive;
    if (!(await session.ensure())) throw toLogin(hadSession);
    let me;
    try {
      me = await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw toLogin(true);
      throw error;
    }
    // Staff who open a portal address belong in their dashboard.
    if (me.kind !== "portal") throw redirect({ to: "/cases", replace: true });
    return { me };
  },
  component: lazyRouteComponent(() => import("./portal/PortalLayout"), "PortalLayout"),
});

const portalHomeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal",
  component: lazyRouteComponent(() => import("./portal/PortalHomePage"), "PortalHomePage"),
});

const portalCheckInRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal/check-in",
  component: lazyRouteComponent(() => import("./portal/PortalCheckInPage"), "PortalCheckInPage"),
});

const portalGoalsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal/goals",
  component: lazyRouteComponent(() => import("./portal/PortalGoalsPage"), "PortalGoalsPage"),
});

const portalPlanRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal/plan",
  component: lazyRouteComponent(() => import("./portal/PortalPlanPage"), "PortalPlanPage"),
});

const portalResourcesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal/resources",
  component: lazyRouteComponent(() => import("./portal/PortalResourcesPage"), "PortalResourcesPage"),
});

const portalAftercareRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: "/portal/aftercare",
  component: lazyRouteComponent(() => import("./portal/PortalAftercarePage"), "PortalAftercarePage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  portalLoginRoute,
  portalAcceptRoute,
  portalRoute.addChildren([portalHomeRoute, portalCheckInRoute, portalGoalsRoute, portalPlanRoute, portalResourcesRoute, portalAftercareRoute]),
  appRoute.addChildren([
    indexRoute,
    reportsRoute,
    auditRoute,
    directoryImportRoute,
    casesRoute,
    caseRoute,
    runSheetRoute,
    myTasksRoute,
    reviewsRoute,
    alertsRoute,
    referralsRoute,
    referralRoute,
    consentPrintRoute,
    aftercarePrintRoute,
    centersRoute,
    resourcesRoute,
    partnerAccessRoute,
    usersRoute,
    settingsRoute,
    accountRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
