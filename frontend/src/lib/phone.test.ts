import { describe, expect, it } from "vitest";
import type { CaseRead, ParticipantRead, TreatmentCenterRead } from "../api/types";
import { caseToFormValues, toUpdateBody as caseUpdate } from "../features/cases/form";
import { centerToFormValues } from "../features/centers/form";
import { participantToFormValues, toUpdateBody as participantUpdate } from "../features/participants/form";
import { displayPhone, telHref } from "./phone";
import { NO_LISTING_READ } from "../features/directory/listing";

describe("phones", () => {
  it("shows the extension after the number", () => {
    expect(displayPhone("(555) 555-0142", "12")).toBe("(555) 555-0142 ext. 12");
    expect(displayPhone("(555) 555-0142", null)).toBe("(555) 555-0142");
  });

  it("dials the digits, then the extension after a pause", () => {
    expect(telHref("(555) 555-0142", "12")).toBe("tel:5555550142,12");
    expect(telHref("+1 555 555 0142", "12")).toBe("tel:+15555550142,12");
    expect(telHref("+1 (218) 555-0100")).toBe("tel:+12185550100");
    expect(telHref("218.555.0100", null)).toBe("tel:2185550100");
  });

  it("edits the number and its extension in one field, and sends it only when changed", () => {
    const client = {
      first_name: "Daniel",
      last_name: "Okafor",
      preferred_name: null,
      date_of_birth: null,
      email: null,
      phone: "608-555-0100",
      phone_extension: "11",
    };
    const initial = caseToFormValues({ client, substances: [], risk_flags: [] } as unknown as CaseRead);
    expect(initial.client.phone).toBe("608-555-0100 ext. 11");
    expect(caseUpdate(initial, initial)).toEqual({});
    const changed = { ...initial, client: { ...initial.client, phone: "608-555-0100 x14" } };
    expect(caseUpdate(initial, changed)).toEqual({ client: { phone: "608-555-0100 x14" } });

    const grace = participantToFormValues({
      full_name: "Grace",
      email: null,
      phone: "+1 555 0100",
      phone_extension: "7",
      bottom_line: null,
      notes: null,
    } as ParticipantRead);
    expect(grace.phone).toBe("+1 555 0100 ext. 7");
    expect(participantUpdate(grace, { ...grace, phone: "" })).toEqual({ phone: null });

    const lakeside = { ...NO_LISTING_READ, levels_of_care: [], services: [], populations: [], insurance_accepted: [] };
    const center = (phone_extension: string | null) =>
      centerToFormValues({ ...lakeside, phone: "+1 218 555 0100", phone_extension } as unknown as TreatmentCenterRead);
    expect(center(null).phone).toBe("+1 218 555 0100");
    expect(center("3").phone).toBe("+1 218 555 0100 ext. 3");
  });
});
