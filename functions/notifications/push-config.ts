import type { Config } from "../env";
import type { VapidKeys } from "./web-push";

/**
 * The VAPID keys when push is set up; null when either key is missing, and then the app says
 * notifications are off instead of failing (functions/env.ts has checked their form).
 */
export function vapidKeys(config: Config): VapidKeys | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = config;
  if (!publicKey || !privateKey) return null;
  // The subject is how the push service reaches whoever runs the sender: the portal's own
  // address unless another contact is configured.
  return { publicKey, privateKey, subject: config.VAPID_SUBJECT ?? config.PUBLIC_BASE_URL };
}
