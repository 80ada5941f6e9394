// Phone numbers and web addresses inside a sentence ("Call or text 988",
// "1-800-662-4357", "aa.org · na.org") as pieces a page renders as links: every
// number Cairn shows can be tapped to dial (tel:) or text (sms:), every address opened.

export type ContactPiece =
  | { kind: "text"; text: string }
  | { kind: "tel" | "sms" | "web"; text: string; href: string };

// A phone number: 3 to 15 digits with the usual separators ("988", "911",
// "1-800-662-4357", "+1 (555) 555-0142"). Years, times and "24/7" do not occur
// in the sentences this is used on (contact lines, crisis notes).
const PHONE = String.raw`\+?\d(?:[\d\-. ()]*\d)?`;
// A web address: a scheme, or a bare host name with a known-looking top-level domain.
const WEB = String.raw`(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s·,;)]*)?`;
// "call or text 988", "call 911", "text 988", a bare number, or an address.
const PATTERN = new RegExp(
  String.raw`(?<both>call or text\s+(?<bothNumber>${PHONE}))|(?<verb>call|text)\s+(?<verbNumber>${PHONE})|(?<web>${WEB})|(?<number>${PHONE})`,
  "gi",
);

function digits(number: string): string {
  return `${number.trim().startsWith("+") ? "+" : ""}${number.replace(/\D/g, "")}`;
}

/** A number long enough to be a phone number: N11 codes (911, 988) and up, and at most 15 digits (E.164). */
function isPhone(number: string): boolean {
  const count = number.replace(/\D/g, "").length;
  return count >= 3 && count <= 15;
}

/** tel: and sms: targets for a number as written; 10-digit US numbers get +1. */
export function dialable(number: string): string {
  const plain = digits(number);
  if (plain.startsWith("+")) return plain;
  if (plain.length === 10) return `+1${plain}`;
  if (plain.length === 11 && plain.startsWith("1")) return `+${plain}`;
  return plain;
}

/** Split a sentence into text and links (see ContactPiece). */
export function contactPieces(sentence: string): ContactPiece[] {
  const pieces: ContactPiece[] = [];
  let at = 0;
  const push = (piece: ContactPiece) => {
    const last = pieces[pieces.length - 1];
    if (piece.kind === "text" && last?.kind === "text") last.text += piece.text;
    else if (piece.text) pieces.push(piece);
  };
  for (const match of sentence.matchAll(PATTERN)) {
    const groups = match.groups ?? {};
    const start = match.index ?? 0;
    const whole = match[0];
    const number = groups.bothNumber ?? groups.verbNumber ?? groups.number;
    if (number !== undefined && !isPhone(number)) continue;
    push({ kind: "text", text: sentence.slice(at, start) });
    at = start + whole.length;
    if (groups.both !== undefined && groups.bothNumber !== undefined) {
      // "Call or text 988": two targets, each a tap away.
      const call = whole.slice(0, whole.length - groups.bothNumber.length).replace(/\s*or text\s*$/i, "");
      const target = dialable(groups.bothNumber);
      push({ kind: "tel", text: `${call} ${groups.bothNumber}`, href: `tel:${target}` });
      push({ kind: "text", text: " or " });
      push({ kind: "sms", text: `text ${groups.bothNumber}`, href: `sms:${target}` });
    } else if (groups.verb !== undefined && groups.verbNumber !== undefined) {
      const kind = groups.verb.toLowerCase() === "text" ? "sms" : "tel";
      push({ kind, text: whole, href: `${kind}:${dialable(groups.verbNumber)}` });
    } else if (groups.web !== undefined) {
      const href = /^https?:\/\//i.test(groups.web) ? groups.web : `https://${groups.web}`;
      push({ kind: "web", text: groups.web, href });
    } else if (number !== undefined) {
      push({ kind: "tel", text: number, href: `tel:${dialable(number)}` });
    }
  }
  push({ kind: "text", text: sentence.slice(at) });
  return pieces;
}
