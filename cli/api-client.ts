// A small client for the owner API: JSON in and out, the API's error shape turned into an
// ApiError the CLI can print. It takes fetch as a parameter so tests can point it anywhere.

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: { path: string; message: string }[];
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** The API could not be reached at all (not running, wrong URL). */
export class ConnectionError extends Error {
  override name = "ConnectionError";
}

/** Something answered, but not the owner API (--api names another server or page). */
export class NotApiError extends Error {
  override name = "NotApiError";
}

export interface ClientOptions {
  baseUrl: string;
  key: string | undefined;
  fetch?: typeof fetch;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    raw?: { bytes: Uint8Array; contentType: string },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.options.key) headers.Authorization = `Bearer ${this.options.key}`;
    let payload: BodyInit | undefined;
    if (raw) {
      headers["Content-Type"] = raw.contentType;
      payload = raw.bytes as Uint8Array<ArrayBuffer>;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const url = `${this.baseUrl}/api/v1${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, body: payload });
    } catch (error) {
      const reason = (error as Error).cause ?? error;
      throw new ConnectionError(`Could not reach the API at ${this.baseUrl} (${String(reason)})`);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: not the API, reported below.
    }
    // Every answer of the API is a JSON object, and every error carries its code. Anything else
    // (a web page, another server's JSON) means --api points somewhere else; saying so beats a
    // TypeError from reading fields the answer does not have.
    const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
    const error = isObject ? (parsed as { error?: Partial<ApiErrorBody> }).error : undefined;
    if (!isObject || (!response.ok && typeof error?.code !== "string")) {
      throw new NotApiError(
        `${this.baseUrl} does not answer as the invoice portal API; check --api or PORTAL_API_URL.`,
      );
    }
    if (!response.ok) throw new ApiError(response.status, error as ApiErrorBody);
    return parsed as T;
  }
}
