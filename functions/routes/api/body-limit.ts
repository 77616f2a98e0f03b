import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../http/errors";

/** A body limit answering in the one error shape (413). */
export function limitBody(maxBytes: number) {
  const readable =
    maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError("payload_too_large", `The request body must be at most ${readable}`);
    },
  });
}

/** JSON bodies: far above any real invoice (500 items), far below a Worker's memory. */
export const MAX_JSON_BYTES = 1024 * 1024;
