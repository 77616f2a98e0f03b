import { AppError } from "../http/errors";

// The list's cursor: the position of the last row of a page (newest first), as an opaque
// string. Decoding checks its shape, so a forged cursor is a 422, never a strange query.

export interface Cursor {
  createdAt: number;
  id: string;
}

/** base64url, so the cursor can be pasted into a query string as it is. */
export function encodeCursor(cursor: Cursor): string {
  return btoa(`${cursor.createdAt}.${cursor.id}`)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(text: string): Cursor {
  try {
    const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(plain);
    if (match?.[1] && match[2]) return { createdAt: Number(match[1]), id: match[2] };
  } catch {
    // Reported below.
  }
  throw new AppError("validation_failed", "The cursor is not one this API returned", [
    { path: "cursor", message: "is not a valid cursor" },
  ]);
}
