/** `sms:` with the body in the form both iOS and Android read (`?&body=`). */
export function smsHref(phone: string, body: string): string {
  const number = phone.replace(/[^\d+]/g, "");
  return `sms:${number}?&body=${encodeURIComponent(body)}`;
}
