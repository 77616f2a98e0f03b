import type { Db } from "../../db/client";
import type { Business } from "../../db/schema";
import { updateBusiness } from "./update-business";

/** The business shows no logo on later sends; sent invoices keep theirs (their snapshot). */
export function removeLogo(db: Db, input: { businessId: string; now: Date }): Promise<Business> {
  return updateBusiness(db, {
    businessId: input.businessId,
    changes: { logoUrl: null },
    now: input.now,
  });
}
