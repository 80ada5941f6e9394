import { Badge } from "@mantine/core";
import type { GoalRead } from "../../api/types";
import { ACHIEVEMENT_COLOR, ACHIEVEMENT_LABEL } from "./labels";

export function AchievementBadge({ goal }: { goal: Pick<GoalRead, "achievement_status"> & { achievement_set_by_hand?: boolean } }) {
  return (
    <Badge
      color={ACHIEVEMENT_COLOR[goal.achievement_status]}
      variant="light"
      tt="none"
      style={{ flexShrink: 0 }}
    >
      {ACHIEVEMENT_LABEL[goal.achievement_status]}
      {goal.achievement_set_by_hand ? " (set by hand)" : ""}
    </Badge>
  );
}
