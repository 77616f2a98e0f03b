import type { TestApp } from "./test-app";

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and check them with the response schemas where the shape matters.
export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Calls the owner API of a test app as one key: JSON bodies are encoded, answers decoded.
 * Pass `raw` to send a body exactly as given (bad JSON, images, other content types).
 */
export function apiAs(t: TestApp, key: string | null) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    options: { raw?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (key) headers.Authorization = `Bearer ${key}`;
    let payload: BodyInit | undefined = options.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await t.request(`/api/v1${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text for the assertion message.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}
