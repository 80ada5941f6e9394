import { describe, expect, it } from "vitest";
import { contactPieces, dialable } from "./contactLinks";

const links = (text: string) => contactPieces(text).filter((p) => p.kind !== "text");

describe("contactPieces", () => {
  it("offers both a call and a text for 'Call or text 988'", () => {
    expect(contactPieces("Call or text 988")).toEqual([
      { kind: "tel", text: "Call 988", href: "tel:988" },
      { kind: "text", text: " or " },
      { kind: "sms", text: "text 988", href: "sms:988" },
    ]);
  });

  it("links 'Call 911' inside a sentence and keeps the words around it", () => {
    const pieces = contactPieces("In an emergency call 911. To talk to someone now, call or text 988.");
    expect(pieces.map((p) => p.text).join("")).toBe("In an emergency call 911. To talk to someone now, call 988 or text 988.");
    expect(links("In an emergency call 911. To talk to someone now, call or text 988.").map((p) => p.href)).toEqual([
      "tel:911",
      "tel:988",
      "sms:988",
    ]);
  });

  it("dials a toll-free number with its country code", () => {
    expect(links("1-800-662-4357")).toEqual([{ kind: "tel", text: "1-800-662-4357", href: "tel:+18006624357" }]);
    expect(dialable("(555) 555-0142")).toBe("+15555550142");
  });

  it("opens bare web addresses over https, each its own link", () => {
    expect(links("aa.org · na.org").map((p) => p.href)).toEqual(["https://aa.org", "https://na.org"]);
    expect(links("smartrecovery.org/family")[0]).toEqual({
      kind: "web",
      text: "smartrecovery.org/family",
      href: "https://smartrecovery.org/family",
    });
  });

  it("leaves short numbers and plain words alone", () => {
    expect(links("free, 24/7, 2 people")).toEqual([]);
  });
});
