/**
 * An invitation code once it has all its 12 characters, however it was typed (dashes, spaces,
 * lower case), else null: the accept page looks the invitation up only when it is complete.
 */
export function completeInvitationCode(code: string): string | null {
  const normalized = code.replace(/[\s-]/g, "").toUpperCase();
  return normalized.length === 12 ? normalized : null;
}
