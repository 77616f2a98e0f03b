// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) change the
// display order of the text that follows them: "GL-\u202E1002" shows as "GL-2001", and a name
// ending in one can make a message look as if it pointed somewhere else. The portal page holds
// typed text in <bdi> and the PDF drops them, but plain text such as the ready-to-text message
// has no such container. The marks (U+200E, U+200F, U+061C) are left alone: they open no run and
// only settle the direction of neighbouring punctuation, which mixed-script names need.

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** The controls above and the marks: everything that steers direction, for one-line text. */
export const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Whether text holds a bidi embedding, override or isolate control. */
export function hasBidiControl(text: string): boolean {
  return text.search(BIDI_CONTROLS) !== -1;
}

/** The text without bidi embedding, override and isolate controls. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
