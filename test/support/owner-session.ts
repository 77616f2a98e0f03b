import type { Db } from "../../db/client";
import { newSession } from "../../functions/owners/sessions";

/** A signed-in owner of a business: the Cookie header, as the passkey sign-in would set it. */
export async function signedIn(
  db: Db,
  businessId: string,
  now = new Date("2026-11-25T18:00:00Z"),
): Promise<{ cookie: string; token: string }> {
  const session = await newSession(db, {
    businessId,
    passkeyId: "pk_test",
    clientKind: "phone",
    now,
  });
  await session.insert;
  return { cookie: `owner_session=${session.token}`, token: session.token };
}

/** The headers of a form post from the app's own pages. */
export function formPost(cookie: string, fields: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: "http://localhost",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  };
}
