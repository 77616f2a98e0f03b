export { limitBody } from "../../http/body-limit";

/** JSON bodies: far above any real invoice (500 items), far below a Worker's memory. */
export const MAX_JSON_BYTES = 1024 * 1024;
