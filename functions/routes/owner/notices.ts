import type { OwnerMessages } from "../../i18n/owner-messages";

// Confirmations shown after a form post, named in the redirect's query string. Only these names
// are shown, as fixed text: the query string never puts words of its own on the page.

const NOTICES = {
  created: "created",
  saved: "saved",
  sent: "sent",
  link_renewed: "linkRenewed",
  link_revoked: "linkRevoked",
  payment_recorded: "paymentRecorded",
  voided: "voided",
  key_revoked: "keyRevoked",
  session_ended: "sessionEnded",
  passkey_removed: "passkeyRemoved",
  notifications_off: "notificationsAreOff",
} as const satisfies Record<string, keyof OwnerMessages>;

export type NoticeName = keyof typeof NOTICES;

export function noticeText(name: string | undefined, t: OwnerMessages): string | null {
  if (!name || !Object.hasOwn(NOTICES, name)) return null;
  return t[NOTICES[name as NoticeName]];
}
