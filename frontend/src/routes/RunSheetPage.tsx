import { ComingSoon } from "../lib/ComingSoon";

export function RunSheetPage() {
  return <ComingSoon title="Run sheet" text="The printable run sheet of the intervention." />;
}
