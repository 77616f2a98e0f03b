import type { InvoiceSnapshot } from "../../db/schema";
import type { BusinessView } from "./page-model";

// Everything a business typed is untrusted. This turns snapshot fields into values that are
// safe to place in HTML attributes, CSS and PDFs: hex colours only, http(s) links only, dialable
// phone links only.

const HEX = /^#[0-9a-f]{6}$/i;
const DEFAULT_BRAND = "#1f4fd1";
const DEFAULT_ACCENT = "#0f172a";

export function safeHexColor(value: string | null | undefined, fallback: string): string {
  const trimmed = (value ?? "").trim();
  if (HEX.test(trimmed)) return trimmed.toLowerCase();
  // Accept the short form (#abc) by expanding it.
  if (/^#[0-9a-f]{3}$/i.test(trimmed)) {
    return `#${[...trimmed.slice(1)].map((c) => c + c).join("")}`.toLowerCase();
  }
  return fallback;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or black, whichever reads better on the colour: one of the two always reaches 4.5:1. */
export function textColorOn(background: string): string {
  const dark = "#000000";
  return contrastRatio(background, "#ffffff") >= contrastRatio(background, dark) ? "#ffffff" : dark;
}

/**
 * A colour that reads as text on a white page (AA, 4.5:1): the brand colour itself when it
 * can, otherwise the same hue darkened step by step.
 */
export function readableOnWhite(color: string): string {
  let [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  let hex = color;
  while (contrastRatio(hex, "#ffffff") < 4.5) {
    [r, g, b] = [r, g, b].map((v) => Math.floor(v * 0.85)) as [number, number, number];
    hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  }
  return hex;
}

export function phoneHref(phone: string): string | null {
  // Only the number before an extension ("ext. 12", "x12", "#12"): appended, its digits would
  // dial a different number. The extension stays in the text shown beside the link.
  const [main = ""] = phone.split(/ext|x|#/i);
  const dialable = main.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  return dialable.replace(/\D/g, "").length >= 3 ? `tel:${dialable}` : null;
}

export function emailHref(email: string): string | null {
  const trimmed = email.trim();
  return /^[^\s@<>"'()[\]\\,;:]+@[^\s@<>"'()[\]\\,;:]+\.[^\s@<>"'()[\]\\,;:]+$/.test(trimmed)
    ? `mailto:${trimmed}`
    : null;
}

export function websiteHref(website: string): string | null {
  const trimmed = website.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Only our own stored logos (a same-origin path) are shown. A logo given by URL is fetched once
 * when it is set and stored, so an invoice keeps the image it was sent with; a remote URL kept
 * from before that (in a business or a snapshot) is shown on neither the page nor the PDF,
 * which never fetch anything while rendering.
 */
export function safeLogoUrl(url: string | null | undefined): string | null {
  return url && /^\/logos\/[A-Za-z0-9_-]+$/.test(url) ? url : null;
}

type BrandingFacts = Pick<
  InvoiceSnapshot,
  | "businessName"
  | "address"
  | "phone"
  | "email"
  | "website"
  | "logoUrl"
  | "brandColor"
  | "accentColor"
>;

export function businessView(snapshot: BrandingFacts): BusinessView {
  const brandColor = safeHexColor(snapshot.brandColor, DEFAULT_BRAND);
  return {
    name: snapshot.businessName,
    addressLines: snapshot.address
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    phone: snapshot.phone,
    phoneHref: phoneHref(snapshot.phone),
    email: snapshot.email,
    emailHref: emailHref(snapshot.email),
    website: snapshot.website,
    websiteHref: websiteHref(snapshot.website),
    logoUrl: safeLogoUrl(snapshot.logoUrl),
    brandColor,
    onBrandColor: textColorOn(brandColor),
    accentColor: readableOnWhite(safeHexColor(snapshot.accentColor, DEFAULT_ACCENT)),
  };
}
