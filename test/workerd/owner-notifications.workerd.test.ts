import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pushSubscriptions } from "../../db/schema";
import type { DevicesView, OwnerPage } from "../../functions/views/owner-page-model";
import { makeBusiness } from "../support/factories";
import { signedIn } from "../support/owner-session";
import { app, bindings, db } from "./payments-harness";

// Turning notifications on and off from the owner app: the subscription the devices page's
// script posts, checked like every post of the app (its own Origin, a live session) and
// validated with a clear error for anything that is not a browser's push subscription.

const VAPID = {
  // Keys of the right form: nothing is pushed here, the endpoints only need push set up.
  VAPID_PUBLIC_KEY:
    "BEBe7xhuIjqNMlb6zsHtGzwB1ybrDVgjJsmqWcgjKGugc3tPQTtWqwLBTnkPQH3ERxDYIfF4uWgMMEKA3alQ4l8",
  VAPID_PRIVATE_KEY: "oNA1PKoprd0KcH53Jp2F0fZPuLiZJlm1pyk98Yi42jI",
};
const withPush = () => ({ ...bindings, ...VAPID });

const subscription = {
  endpoint: "https://push.example.net/send/abc123",
  keys: {
    p256dh:
      "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
    auth: "tBHItJI5svbpez7KI4CCXg",
  },
};

async function owner() {
  const business = await makeBusiness(db, {});
  const session = await signedIn(db, business.id, new Date());
  return { business, ...session };
}

function post(path: string, cookie: string, body: string, headers: Record<string, string> = {}) {
  return app.request(
    path,
    {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: "http://localhost",
        "Content-Type": "application/json",
        ...headers,
      },
      body,
    },
    withPush(),
  );
}

const subscribe = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  post(
    "/app/notifications/subscription",
    cookie,
    typeof body === "string" ? body : JSON.stringify(body),
    headers,
  );

const rowsOf = (businessId: string) =>
  db.select().from(pushSubscriptions).where(eq(pushSubscriptions.businessId, businessId));

async function devices(cookie: string, env: Record<string, string> = withPush()) {
  const response = await app.request("/app/devices", { headers: { Cookie: cookie } }, env);
  const { page } = (await response.json()) as { page: OwnerPage };
  return page.view as DevicesView;
}

describe("turning notifications on", () => {
  it("stores this device's subscription, shown on the devices page", async () => {
    const { business, cookie } = await owner();
    expect((await devices(cookie)).push).toEqual({
      publicKey: VAPID.VAPID_PUBLIC_KEY,
      on: false,
    });
    const response = await subscribe(cookie, subscription);
    expect(response.status).toBe(201);
    const rows = await rowsOf(business.id);
    expect(rows).toMatchObject([{ endpoint: subscription.endpoint, auth: subscription.keys.auth }]);
    const view = await devices(cookie);
    expect(view.push?.on).toBe(true);
    expect(view.sessions.find((s) => s.current)?.notifications).toBe(true);
    // Again (a new subscription from the same device): replaced, not added.
    expect(
      (await subscribe(cookie, { ...subscription, endpoint: `${subscription.endpoint}x` })).status,
    ).toBe(201);
    expect((await rowsOf(business.id)).map((r) => r.endpoint)).toEqual([
      `${subscription.endpoint}x`,
    ]);
  });

  it("refuses a post from another site", async () => {
    const { business, cookie } = await owner();
    const response = await subscribe(cookie, subscription, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await rowsOf(business.id)).toEqual([]);
  });

  it("sends a visitor without a session to sign in", async () => {
    const response = await subscribe("owner_session=nope", subscription);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/app/sign-in");
  });

  it.each([
    ["not JSON", "{endpoint", /JSON/],
    ["not an object", "[1, 2]", /JSON object/],
    ["no endpoint", { keys: subscription.keys }, /endpoint/],
    ["an endpoint that is not a URL", { ...subscription, endpoint: "push me" }, /URL/],
    ["a plain http endpoint", { ...subscription, endpoint: "http://push.example.net/x" }, /https/],
    ["no keys", { endpoint: subscription.endpoint }, /p256dh/],
    [
      "a short p256dh",
      { ...subscription, keys: { ...subscription.keys, p256dh: "BAAA" } },
      /p256dh/,
    ],
    ["a bad auth", { ...subscription, keys: { ...subscription.keys, auth: "!!" } }, /auth/],
    ["a huge body", { ...subscription, pad: "x".repeat(5000) }, /too large/],
  ])("answers 400 with a clear error for %s", async (_, body, message) => {
    const { business, cookie } = await owner();
    const response = await subscribe(cookie, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(await rowsOf(business.id)).toEqual([]);
  });

  it("says so, instead of failing, when the server has no VAPID keys", async () => {
    const { business, cookie } = await owner();
    const response = await app.request(
      "/app/notifications/subscription",
      {
        method: "POST",
        headers: { Cookie: cookie, Origin: "http://localhost", "Content-Type": "application/json" },
        body: JSON.stringify(subscription),
      },
      bindings,
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/VAPID/);
    expect(await rowsOf(business.id)).toEqual([]);
    expect((await devices(cookie, bindings)).push).toBeNull();
  });
});

describe("turning notifications off", () => {
  it("works as a plain form, and as JSON", async () => {
    const { business, cookie } = await owner();
    await subscribe(cookie, subscription);
    const form = await post("/app/notifications/off", cookie, "", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("Location")).toBe("/app/devices?done=notifications_off");
    expect(await rowsOf(business.id)).toEqual([]);
    await subscribe(cookie, subscription);
    const json = await post("/app/notifications/off", cookie, "{}");
    expect(await json.json()).toEqual({ notifications: "off" });
    expect(await rowsOf(business.id)).toEqual([]);
  });

  it("happens when the device is signed out, or signed out from another device", async () => {
    const { business, cookie } = await owner();
    await subscribe(cookie, subscription);
    await post("/app/sign-out", cookie, "", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(await rowsOf(business.id)).toEqual([]);

    const phone = await signedIn(db, business.id, new Date());
    await subscribe(phone.cookie, subscription);
    const laptop = await signedIn(db, business.id, new Date());
    const [row] = await rowsOf(business.id);
    const ended = await post(`/app/sessions/${row?.sessionId}/end`, laptop.cookie, "", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(ended.status).toBe(303);
    expect(await rowsOf(business.id)).toEqual([]);
  });
});
