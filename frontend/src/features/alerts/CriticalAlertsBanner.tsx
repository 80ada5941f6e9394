import { Alert, Group, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import { AnchorLink } from "../../lib/links";
import { useAlertSummary } from "./api";
import { criticalBannerText } from "./filters";

/**
 * A red bar across the top of every staff page while any critical alert is
 * open. It is announced (role="alert") when it first appears or the count
 * grows, not on every 30 s poll.
 */
export function CriticalAlertsBanner() {
  const summary = useAlertSummary();
  const count = summary.data?.open_critical ?? 0;
  // Adjusted during render, so the banner mounts with role="alert" already set.
  const [seen, setSeen] = useState(0);
  const [announce, setAnnounce] = useState(false);
  if (count !== seen) {
    setAnnounce(count > seen);
    setSeen(count);
  }

  if (count <= 0) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      p="sm"
      mb="md"
      role={announce ? "alert" : undefined}
      aria-live={announce ? undefined : "off"}
      data-testid="critical-alerts-banner"
      className="no-print"
      icon={<IconAlertTriangle size={20} aria-hidden />}
    >
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text fw={700} c="white" size="sm">
          {criticalBannerText(count)}
        </Text>
        <AnchorLink to="/alerts" search={{ severity: "critical" }} c="white" fw={700} size="sm" td="underline">
          Review critical alerts
        </AnchorLink>
      </Group>
    </Alert>
  );
}
