import type { CLIENT_KINDS } from "../../db/schema";

// Who is looking. Link-preview fetchers and scanners must never count as the customer: they
// rarely run scripts, but some do (and some send a browser-like agent), so the beacon checks
// the agent too.

const PREVIEW_AGENTS = [
  // Apple's iMessage preview fetches on the sender's phone with a Facebook-like agent.
  "facebookexternalhit",
  "facebot",
  "facebookcatalog",
  "meta-externalagent",
  "whatsapp",
  "twitterbot",
  "slackbot",
  "slack-imgproxy",
  "telegrambot",
  "discordbot",
  "linkedinbot",
  "skypeuripreview",
  "teams",
  "microsoftpreview",
  "bingpreview",
  "bingbot",
  "googlebot",
  "google-inspectiontool",
  "googleother",
  "google-safety",
  "googleimageproxy",
  "applebot",
  "pinterest",
  "redditbot",
  "embedly",
  "iframely",
  "outlook",
  "yahoomailproxy",
  "mimecast",
  "proofpoint",
  "barracuda",
  "symantec",
  "zscaler",
  "headlesschrome",
  "lighthouse",
  "bot",
  "crawler",
  "spider",
  "preview",
  "curl/",
  "wget/",
  "python-requests",
  "go-http-client",
];

export function isPreviewAgent(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  const agent = userAgent.toLowerCase();
  return PREVIEW_AGENTS.some((marker) => agent.includes(marker));
}

export function clientKind(userAgent: string | undefined): (typeof CLIENT_KINDS)[number] {
  const agent = (userAgent ?? "").toLowerCase();
  if (/ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/.test(agent)) return "tablet";
  if (/mobi|iphone|ipod|android|windows phone/.test(agent)) return "phone";
  if (/windows|macintosh|x11|linux|cros/.test(agent)) return "desktop";
  return "unknown";
}
