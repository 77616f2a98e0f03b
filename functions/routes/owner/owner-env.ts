import type { Business } from "../../../db/schema";
import type { AppEnv } from "../../http/app-env";

/** Who is signed in, set by `requireSession` on the app's form posts. */
export interface OwnerCaller {
  businessId: string;
  sessionId: string;
  business: Business;
  /** SHA-256 of the session cookie, for reads that check the session in their own batch. */
  sessionHash: string;
}

export type OwnerEnv = AppEnv & {
  Variables: AppEnv["Variables"] & { owner: OwnerCaller };
};
