import { Anchor, type AnchorProps } from "@mantine/core";
import { Fragment } from "react";
import { contactPieces } from "./contactLinks";

/** A sentence with its phone numbers and web addresses as tel:, sms: and https: links. */
export function ContactText({ text, ...anchor }: { text: string } & AnchorProps) {
  return (
    <>
      {contactPieces(text).map((piece, index) =>
        piece.kind === "text" ? (
          <Fragment key={index}>{piece.text}</Fragment>
        ) : piece.kind === "web" ? (
          <Anchor key={index} href={piece.href} target="_blank" rel="noopener noreferrer" inherit underline="always" {...anchor}>
            {piece.text}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </Anchor>
        ) : (
          <Anchor key={index} href={piece.href} inherit underline="always" style={{ whiteSpace: "nowrap" }} {...anchor}>
            {piece.text}
          </Anchor>
        ),
      )}
    </>
  );
}
