import { Badge } from "@mantine/core";
import type { ReferralStatus } from "../../api/types";
import { REFERRAL_STATUS_COLOR, REFERRAL_STATUS_LABEL } from "./labels";

export function ReferralStatusBadge({ status, size = "sm" }: { status: ReferralStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={REFERRAL_STATUS_COLOR[status]} variant="dot" size={size} tt="none" style={{ whiteSpace: "nowrap" }}>
      {REFERRAL_STATUS_LABEL[status]}
    </Badge>
  );
}
