/**
 * An invitation code once it has all its 12 characters, however it was typed or pasted
 * (dashes of any kind, spaces including non-breaking ones, lower case; as the API reads it),
 * else null: the accept page looks the invitation up only when it is complete.
 */
export function completeInvitationCode(code: string): string | null {
  const normalized = code.replace(/[\s\-\u2010-\u2015\u2212]/g, "").toUpperCase();
  return normalized.length === 12 ? normalized : null;
}
