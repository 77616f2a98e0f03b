import { describe, expect, it } from "vitest";
import { clientKind, isPreviewAgent } from "./visitor";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const DESKTOP_FIREFOX =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("visitor", () => {
  it.each([
    [
      "iMessage",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
    ],
    ["WhatsApp", "WhatsApp/2.23.20.0 A"],
    ["Slack", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["Telegram", "TelegramBot (like TwitterBot)"],
    ["Discord", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"],
    [
      "LinkedIn",
      "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    ],
    ["Skype", "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5"],
    ["Google", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["no agent", ""],
  ])("treats %s as a preview fetcher", (_name, agent) => {
    expect(isPreviewAgent(agent || undefined)).toBe(true);
  });

  it("lets real browsers through", () => {
    for (const agent of [IPHONE_SAFARI, ANDROID_CHROME, DESKTOP_FIREFOX]) {
      expect(isPreviewAgent(agent)).toBe(false);
    }
  });

  it("classifies the device coarsely", () => {
    expect(clientKind(IPHONE_SAFARI)).toBe("phone");
    expect(clientKind(ANDROID_CHROME)).toBe("phone");
    expect(clientKind(DESKTOP_FIREFOX)).toBe("desktop");
    expect(clientKind("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)")).toBe("tablet");
    expect(clientKind(undefined)).toBe("unknown");
  });
});
