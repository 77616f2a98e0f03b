import { expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { browserSuite, linkFor, openPage, useBrowser, type ViewportName } from "./support";

// An automated accessibility scan (axe-core) of every page a customer can land on. The page's
// CSP allows only its own script, so the scanning context bypasses CSP to inject axe.

const PAGES: { name: string; path: () => string; viewports: ViewportName[] }[] = [
  { name: "invoice ZM-1042", path: () => linkFor("ZM-1042"), viewports: ["phone", "desktop"] },
  { name: "paid invoice ZM-1044", path: () => linkFor("ZM-1044"), viewports: ["phone"] },
  { name: "Spanish invoice ZM-1045", path: () => linkFor("ZM-1045"), viewports: ["phone"] },
  {
    name: "Arabic invoice ZM-1046 (right to left)",
    path: () => linkFor("ZM-1046"),
    viewports: ["small-phone", "desktop"],
  },
  { name: "free-plan invoice GL-2001", path: () => linkFor("GL-2001"), viewports: ["phone"] },
  { name: "void invoice GL-2003", path: () => linkFor("GL-2003"), viewports: ["phone"] },
  { name: "revoked link", path: () => linkFor("GL-2002"), viewports: ["phone", "desktop"] },
  { name: "404 page", path: () => "/p/AAAAAAAAAAAAAAAAAAAAAA", viewports: ["phone", "desktop"] },
];

browserSuite("accessibility (axe-core)", () => {
  const browser = useBrowser();

  for (const target of PAGES) {
    it(`${target.name} has no serious or critical violations`, async () => {
      for (const viewport of target.viewports) {
        const { context, page } = await openPage(browser(), target.path(), viewport, {
          bypassCSP: true,
        });
        try {
          expect(await seriousViolations(page), `${target.name} at ${viewport}`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }
});
