import type { FormObject } from "./form";
import {
  type ChargeJson,
  type CheckoutSessionJson,
  clone,
  type PaymentIntentJson,
} from "./objects";
import type { FakeStripeStore } from "./store";
import { invalid } from "./validate";

// `expand[]` on retrieve: replaces an id with the object it names, one path segment at a time,
// as documented under "Expanding responses". Only the paths this project asks for exist here.

const SESSION_PATHS = new Set([
  "payment_intent",
  "payment_intent.payment_method",
  "payment_intent.latest_charge",
]);
const CHARGE_PATHS = new Set(["payment_intent", "payment_intent.payment_method"]);

export function expandList(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item !== "string") throw invalid("Invalid array: expand", "expand");
    return item;
  });
}

function check(paths: string[], allowed: Set<string>, kind: string): void {
  for (const path of paths) {
    if (!allowed.has(path)) {
      throw invalid(`This property cannot be expanded (${path}) on ${kind} in the fake.`, "expand");
    }
  }
}

function expandIntent(
  store: FakeStripeStore,
  id: string | PaymentIntentJson | null,
  paths: string[],
): PaymentIntentJson | string | null {
  if (typeof id !== "string") return id;
  const intent = clone(store.intent(id));
  if (
    paths.includes("payment_intent.payment_method") &&
    typeof intent.payment_method === "string"
  ) {
    intent.payment_method = clone(store.paymentMethods.get(intent.payment_method) ?? null);
  }
  if (paths.includes("payment_intent.latest_charge") && typeof intent.latest_charge === "string") {
    intent.latest_charge = clone(store.charges.get(intent.latest_charge)?.charge ?? null);
  }
  return intent;
}

export function expandSession(
  store: FakeStripeStore,
  session: CheckoutSessionJson,
  paths: string[],
): CheckoutSessionJson {
  check(paths, SESSION_PATHS, "checkout.session");
  const result = clone(session);
  if (paths.some((p) => p.startsWith("payment_intent"))) {
    result.payment_intent = expandIntent(store, result.payment_intent, paths);
  }
  return result;
}

export function expandCharge(
  store: FakeStripeStore,
  charge: ChargeJson,
  paths: string[],
): ChargeJson {
  check(paths, CHARGE_PATHS, "charge");
  const result = clone(charge);
  if (paths.some((p) => p.startsWith("payment_intent"))) {
    result.payment_intent = expandIntent(store, result.payment_intent, paths);
  }
  return result;
}
