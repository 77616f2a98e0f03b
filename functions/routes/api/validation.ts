import type { Context } from "hono";
import type { z } from "zod";
import { AppError, type ErrorDetail } from "../../http/errors";
import { decodeUtf8 } from "../../http/utf8";

// Turns a request into validated input, or into one AppError in the one error shape. Shape
// problems (not JSON, unknown fields, wrong types, missing fields) are 400; values that are well
// typed but not acceptable (too long, negative, a 30th of February, an unknown currency) are 422.

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue, key?: string): string {
  const parts = [...issue.path, ...(key === undefined ? [] : [key])].map(String);
  return parts.length ? parts.join(".") : "(body)";
}

function isTypeIssue(issue: Issue): boolean {
  if (issue.code === "invalid_type" || issue.code === "invalid_union") return true;
  // A number where one of some words was expected is a wrong type; a wrong word is a value.
  return issue.code === "invalid_value" && typeof issue.input !== "string";
}

function typeMessage(issue: Issue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}

/** Maps zod issues to the error model; the code follows the most basic problem found. */
export function validationError(issues: Issue[]): AppError {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        details.push({ path: pathOf(issue, key), message: "is not a known field" });
    } else {
      details.push({
        path: pathOf(issue),
        message: isTypeIssue(issue) ? typeMessage(issue) : issue.message,
      });
    }
  }
  if (issues.some((i) => i.code === "unrecognized_keys")) {
    return new AppError(
      "unknown_field",
      "The request has fields this endpoint does not accept",
      details,
    );
  }
  if (issues.some(isTypeIssue)) {
    return new AppError("invalid_type", "Some fields are missing or have the wrong type", details);
  }
  return new AppError(
    "validation_failed",
    "Some fields have values that are not accepted",
    details,
  );
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON object body and validates it. An empty body counts as `{}` when `emptyIsObject`
 * (actions whose options are all optional), so `POST …/send` needs no body at all.
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  options: { emptyIsObject?: boolean } = {},
): Promise<z.output<S>> {
  const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
  if (text === null) {
    throw new AppError(
      "invalid_json",
      "The request body is not valid UTF-8; send JSON encoded as UTF-8",
    );
  }
  if (text.trim() === "" && options.emptyIsObject) return parseWith(schema, {});
  if (!isJsonType(c.req.header("Content-Type") ?? "")) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json",
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid_json", "The request body must be a JSON object");
  }
  return parseWith(schema, body);
}

/** Query parameters, validated like a body (each parameter at most once). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}
