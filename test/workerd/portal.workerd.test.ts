import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { createApp } from "../../functions/app";
import { readConfig } from "../../functions/env";
import type { PortalPage } from "../../functions/views/page-model";
import { seedDemo } from "../fixtures/demo-data";

// The Hono app inside workerd, reading the local libSQL server over loopback as it reads Turso.

const app = createApp({ renderPage: (c, page) => c.json({ page }, page.status) });
const bindings = env as unknown as Record<string, string>;

describe("portal in workerd", () => {
  it("resolves a seeded link, answers unknown links with 404 and revoked ones with 410", async () => {
    const db = createDb(readConfig(bindings));
    const links = await seedDemo(db, bindings.SIGNING_SECRET ?? "", new Date());
    const active = links.find((l) => l.number === "ZM-1042");
    const revoked = links.find((l) => l.revoked);

    const ok = await app.request(`/p/${active?.token}`, {}, bindings);
    expect(ok.status).toBe(200);
    const { page } = (await ok.json()) as { page: PortalPage };
    expect(page.kind).toBe("invoice");
    if (page.kind === "invoice") {
      expect(page.invoice.number).toBe("ZM-1042");
      expect(page.invoice.business.name).toBe("Zoë Müller Plumbing & Heating");
    }
    expect(ok.headers.get("Referrer-Policy")).toBe("no-referrer");

    expect((await app.request(`/p/${revoked?.token}`, {}, bindings)).status).toBe(410);
    expect((await app.request("/p/AAAAAAAAAAAAAAAAAAAAAA", {}, bindings)).status).toBe(404);
  });
});
