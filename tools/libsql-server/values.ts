// Conversion between Hrana JSON values and the values the libsql engine binds and returns.
//
// Integers travel as decimal strings so values above 2^53 survive JSON; inside the server they are
// BigInt (the engine runs with safe integers), which also keeps INTEGER and REAL apart: the engine
// returns INTEGER columns as bigint and REAL columns as number, and binds bigint as INTEGER and
// number as REAL.

import { ProtocolError } from "./errors.ts";

/** A value as bound to or read from the engine. */
export type SqlValue = null | bigint | number | string | Uint8Array;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^-?\d+$/;
// Standard base64, padding optional (js-base64 pads, other clients may not).
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Decode one Hrana value; `where` names its position for error messages ("args[2]"). */
export function decodeValue(raw: unknown, where: string): SqlValue {
  if (!isObject(raw))
    throw new ProtocolError(`${where} must be a Value object, got ${describe(raw)}`);
  switch (raw.type) {
    case "null":
      return null;
    case "integer": {
      const v = raw.value;
      if (typeof v !== "string" || !INTEGER_TEXT.test(v)) {
        throw new ProtocolError(
          `${where}: an integer value must be a decimal string, got ${describe(v)}`,
        );
      }
      const n = BigInt(v);
      if (n < INT64_MIN || n > INT64_MAX) {
        throw new ProtocolError(`${where}: integer ${v} does not fit in 64 bits`);
      }
      return n;
    }
    case "float":
      if (typeof raw.value !== "number") {
        throw new ProtocolError(
          `${where}: a float value must be a JSON number, got ${describe(raw.value)}`,
        );
      }
      return raw.value;
    case "text":
      if (typeof raw.value !== "string") {
        throw new ProtocolError(
          `${where}: a text value must be a string, got ${describe(raw.value)}`,
        );
      }
      return raw.value;
    case "blob": {
      const b = raw.base64;
      if (typeof b !== "string" || !BASE64_TEXT.test(b) || b.replace(/=+$/, "").length % 4 === 1) {
        throw new ProtocolError(`${where}: a blob value needs a valid base64 string in "base64"`);
      }
      return new Uint8Array(Buffer.from(b, "base64"));
    }
    default:
      throw new ProtocolError(
        `${where}: unknown value type ${describe(raw.type)} (expected null, integer, float, text or blob)`,
      );
  }
}

/** Encode one engine value for JSON. */
export function encodeValue(v: unknown): unknown {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") {
    // SQLite can hold +/-Infinity (e.g. 1e999), which JSON.stringify would silently turn into null.
    // A raw 1e999 token parses back to Infinity in JavaScript, so emit that where the runtime allows it.
    if (!Number.isFinite(v)) return { type: "float", value: rawInfinity(v) };
    return { type: "float", value: v };
  }
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) {
    return {
      type: "blob",
      base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64"),
    };
  }
  if (v instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  // Safe integers mode makes every integer a bigint; anything else would be an engine surprise.
  throw new Error(`Cannot encode engine value of type ${typeof v}`);
}

function rawInfinity(v: number): unknown {
  const rawJSON = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;
  if (Number.isNaN(v) || typeof rawJSON !== "function") return null;
  return rawJSON(v > 0 ? "1e999" : "-1e999");
}

/** Short description of an unexpected JSON value for error messages. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}
