import { Badge } from "@mantine/core";
import type { ConsentStatus } from "../../api/types";
import { CONSENT_STATUS_COLOR, CONSENT_STATUS_LABEL } from "./labels";

export function ConsentStatusBadge({ status, size = "sm" }: { status: ConsentStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={CONSENT_STATUS_COLOR[status]} variant="dot" size={size} tt="none" style={{ whiteSpace: "nowrap" }}>
      Consent {CONSENT_STATUS_LABEL[status].toLowerCase()}
    </Badge>
  );
}
