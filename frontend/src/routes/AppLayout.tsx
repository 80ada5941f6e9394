import type { ReactNode } from "react";
import { AppShell, Burger, Group, Menu, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBell,
  IconBuildingHospital,
  IconChecklist,
  IconChevronDown,
  IconFolders,
  IconKey,
  IconLogout,
  IconPlugConnected,
  IconSend,
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
import { ROLE_LABEL } from "../features/users/labels";
import { NavLinkLink } from "../lib/links";
import { Logo } from "./Logo";

interface NavItem {
  to: "/cases" | "/tasks" | "/alerts" | "/referrals" | "/centers" | "/partner-access" | "/users";
  label: string;
  Icon: typeof IconFolders;
  badge?: ReactNode;
  adminOnly?: boolean;
}

/** The main navigation, in order; admin-only entries are hidden from everyone else. */
const NAV: readonly NavItem[] = [
  { to: "/cases", label: "Caseload", Icon: IconFolders },
  { to: "/tasks", label: "My tasks", Icon: IconChecklist },
  { to: "/alerts", label: "Alerts", Icon: IconBell, badge: <AlertsNavBadge /> },
  { to: "/referrals", label: "Referrals", Icon: IconSend },
  { to: "/centers", label: "Treatment centers", Icon: IconBuildingHospital },
  { to: "/partner-access", label: "Partner access", Icon: IconPlugConnected, adminOnly: true },
  { to: "/users", label: "Users", Icon: IconUsers, adminOnly: true },
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

  const signOut = async () => {
    await session.signOut();
    queryClient.clear();
    await navigate({ to: "/login", replace: true });
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
              <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={password.open}>
                Change password
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        {NAV.filter((item) => !item.adminOnly || isAdmin(me)).map(({ to, label, Icon, badge }) => (
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
        <CriticalAlertsBanner />
        <Outlet />
      </AppShell.Main>
      <ChangePasswordModal opened={passwordOpened} onClose={password.close} />
    </AppShell>
  );
}
