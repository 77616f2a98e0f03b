import { DIRECTION_CONTROLS } from "../i18n/bidi";
import { fill } from "../i18n/messages";

// Direction controls (RLO and friends) in text a business typed must not reorder the text
// around it. On the page each value sits in its own <bdi>; these cover the places that cannot
// use one.

/**
 * The <title> and the preview metadata (og:title, description) are plain strings shown by
 * browser tabs, history and chat-app link previews, which may not honour isolates: a direction
 * override in an invoice number would reverse the rest of the title ("Invoice 1-XH morf …").
 * Values go in without direction controls, on one line.
 */
export function headText(template: string, values: Record<string, string>): string {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    plain[name] = value.replace(DIRECTION_CONTROLS, "").replace(/\s+/g, " ").trim();
  }
  return fill(template, plain);
}

/**
 * A value placed inside a sentence of ours. When it carries direction controls it is wrapped
 * in first-strong isolate … pop directional isolate, the text equivalent of <bdi>, so an
 * override inside it ends where the value does; other text is left exactly as typed.
 */
export function isolate(value: string): string {
  return value.search(DIRECTION_CONTROLS) !== -1 ? `\u2068${value}\u2069` : value;
}
