// Phones as the API keeps them: the number as written and the extension's digits apart.
import { Anchor, type AnchorProps } from "@mantine/core";
import { IconPhone } from "@tabler/icons-react";

/** "(555) 555-0142" + "12" → "(555) 555-0142 ext. 12": how the phone is shown and edited
 *  (the API splits the extension off again when the text comes back). */
export function displayPhone(phone: string, extension?: string | null): string {
  return extension ? `${phone} ext. ${extension}` : phone;
}

/** A tel: link target: the digits and a leading plus, then the extension after a pause
 *  (RFC 3966 dial strings use ","), e.g. tel:+15555550142,12. */
export function telHref(phone: string, extension?: string | null): string {
  const number = `${phone.trim().startsWith("+") ? "+" : ""}${phone.replace(/\D/g, "")}`;
  return `tel:${number}${extension ? `,${extension.replace(/\D/g, "")}` : ""}`;
}

/** A phone number as a link that dials it, extension included. */
export function PhoneLink({
  phone,
  extension,
  icon = false,
  ...props
}: { phone: string; extension?: string | null; icon?: boolean } & AnchorProps) {
  return (
    <Anchor href={telHref(phone, extension)} style={{ whiteSpace: "nowrap" }} {...props}>
      {icon && <IconPhone size={14} aria-hidden style={{ verticalAlign: "-2px", marginRight: 4 }} />}
      {displayPhone(phone, extension)}
    </Anchor>
  );
}
