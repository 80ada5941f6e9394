import type { ReactNode } from "react";
import { AppShell, Burger, Group, Menu, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBell,
  IconChartBar,
  IconHistory,
  IconBuildingHospital,
  IconChecklist,
  IconChevronDown,
  IconClipboardCheck,
  IconFolders,
  IconKey,
  IconFileImport,
  IconLifebuoy,
  IconLogout,
  IconPlugConnected,
  IconSend,
  IconSettings,
  IconShieldLock,
  IconUserCircle,
  IconUsers,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { session } from "../api/client";
import { AlertsNavBadge } from "../features/alerts/AlertsNavBadge";
import { CriticalAlertsBanner } from "../features/alerts/CriticalAlertsBanner";
import { ChangePasswordModal } from "../features/auth/ChangePasswordModal";
import { isAdmin, staffRole, useMe } from "../features/auth/api";
import { ReviewsNavBadge } from "../features/plans/ReviewsNavBadge";
import { reviewsPlans } from "../features/plans/reviews";
import { ROLE_LABEL } from "../features/users/labels";
import { setPracticeTimeZone } from "../lib/format";
import { NavLinkLink } from "../lib/links";
import { Logo } from "./Logo";

interface NavItem {
  to:
    | "/reports"
    | "/audit"
    | "/cases"
    | "/tasks"
    | "/reviews"
    | "/alerts"
    | "/referrals"
    | "/centers"
    | "/resources"
    | "/directory-import"
    | "/partner-access"
    | "/users"
    | "/settings";
  label: string;
  Icon: typeof IconFolders;
  badge?: ReactNode;
  adminOnly?: boolean;
  /** Shown to supervisors and admins, who review plans. */
  reviewerOnly?: boolean;
}

/** The main navigation, in order; admin-only entries are hidden from everyone else. */
const NAV: readonly NavItem[] = [
  { to: "/reports", label: "Reports", Icon: IconChartBar },
  { to: "/cases", label: "Caseload", Icon: IconFolders },
  { to: "/tasks", label: "My tasks", Icon: IconChecklist },
  { to: "/reviews", label: "Plans to review", Icon: IconClipboardCheck, badge: <ReviewsNavBadge />, reviewerOnly: true },
  { to: "/alerts", label: "Alerts", Icon: IconBell, badge: <AlertsNavBadge /> },
  { to: "/referrals", label: "Referrals", Icon: IconSend },
  { to: "/centers", label: "Treatment centers", Icon: IconBuildingHospital },
  { to: "/resources", label: "Resources", Icon: IconLifebuoy },
  { to: "/directory-import", label: "Import listings", Icon: IconFileImport, adminOnly: true },
  { to: "/partner-access", label: "Partner access", Icon: IconPlugConnected, adminOnly: true },
  { to: "/users", label: "Users", Icon: IconUsers, adminOnly: true },
  { to: "/settings", label: "Practice settings", Icon: IconSettings, adminOnly: true },
  { to: "/audit", label: "Audit log", Icon: IconHistory, adminOnly: true },
];

export function AppLayout() {
  const me = useMe();
  const [navOpened, nav] = useDisclosure(false);
  const [passwordOpened, password] = useDisclosure(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const name = me.full_name ?? me.email ?? "Signed in";
  const role = staffRole(me);
  const zone = me.organization.time_zone;
  // Before anything below renders: every time on the dashboard is the practice's.
  setPracticeTimeZone(zone);

  const signOut = async () => {
    await session.signOut();
    // Leave the signed-in pages first: cleared while they are mounted, their queries
    // (/auth/me) would run again without a token and log a 401.
    await navigate({ to: "/login", replace: true });
    queryClient.clear();
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? "Close navigation" : "Open navigation"}
            />
            <Logo />
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" visibleFrom="xs" truncate data-testid="practice-time-zone">
            Times in {zone.replace(/_/g, " ")}
          </Text>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={name} style={{ minWidth: 0 }}>
                <Group gap="xs" wrap="nowrap">
                  <IconUserCircle size={26} stroke={1.5} aria-hidden color="var(--mantine-color-cyan-9)" />
                  <Text size="sm" fw={500} visibleFrom="xs" truncate maw={180}>
                    {name}
                  </Text>
                  <IconChevronDown size={14} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                <Stack gap={0}>
                  <Text size="sm" fw={600} c="dark">
                    {name}
                  </Text>
                  <Text size="xs">
                    {role ? ROLE_LABEL[role] : "Staff"} · {me.organization.name}
                  </Text>
                </Stack>
              </Menu.Label>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconShieldLock size={16} aria-hidden />}
                onClick={() => void navigate({ to: "/account" })}
              >
                Two-step sign-in
              </Menu.Item>
              <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={password.open}>
                Change password
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        {NAV.filter((item) => (!item.adminOnly || isAdmin(me)) && (!item.reviewerOnly || reviewsPlans(me))).map(({ to, label, Icon, badge }) => (
          <NavLinkLink
            key={to}
            to={to}
            label={label}
            leftSection={<Icon size={18} aria-hidden />}
            rightSection={badge}
            active={pathname.startsWith(to)}
            onClick={nav.close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        {/* On phones the header has no room for it; the zone is still said, above the page. */}
        <Text size="xs" c="dimmed" hiddenFrom="xs" ta="right" mb={4} data-testid="practice-time-zone-phone">
          Times in {zone.replace(/_/g, " ")}
        </Text>
        <CriticalAlertsBanner />
        {/* Keyed by the zone, so a change of practice zone shows every time afresh. */}
        <Outlet key={zone} />
      </AppShell.Main>
      <ChangePasswordModal opened={passwordOpened} onClose={password.close} />
    </AppShell>
  );
}
