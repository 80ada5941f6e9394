import type { StaffRole } from "../../api/types";

export const ROLE_LABEL: Record<StaffRole, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  interventionist: "Interventionist",
};

export const ROLE_ORDER: readonly StaffRole[] = ["interventionist", "supervisor", "admin"];
