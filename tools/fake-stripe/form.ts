// Stripe's v1 API takes application/x-www-form-urlencoded bodies (and query strings) with
// bracket notation: `line_items[0][price_data][currency]=usd`, `expand[0]=payment_intent`,
// `metadata[invoice_id]=inv_1`. Parsed here into plain nested objects and arrays.

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export class FormError extends Error {
  constructor(
    message: string,
    readonly param: string,
  ) {
    super(message);
  }
}

function splitKey(key: string): string[] {
  const head = /^[^[\]]+/.exec(key);
  if (!head) throw new FormError(`Invalid parameter name: ${key}`, key);
  const parts = [head[0]];
  const rest = key.slice(head[0].length);
  const segment = /\[([^[\]]*)\]/g;
  let consumed = 0;
  for (let match = segment.exec(rest); match; match = segment.exec(rest)) {
    if (match.index !== consumed) break;
    parts.push(match[1] ?? "");
    consumed = match.index + match[0].length;
  }
  if (consumed !== rest.length) throw new FormError(`Invalid parameter name: ${key}`, key);
  return parts;
}

function toArrays(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const numeric = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  const children = Object.fromEntries(keys.map((k) => [k, toArrays(value[k] as FormValue)]));
  if (!numeric) return children;
  return keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => children[String(k)] as FormValue);
}

/** Parses a form-encoded body or query string into nested objects (numeric keys → arrays). */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = splitKey(key);
    let node: FormObject = root;
    path.forEach((part, i) => {
      // `expand[]=x` appends, as Stripe accepts both `expand[]` and `expand[0]`.
      const name = part === "" ? String(Object.keys(node).length) : part;
      if (i === path.length - 1) {
        if (typeof node[name] === "object") {
          throw new FormError(`Invalid parameter: ${key} is an object`, key);
        }
        node[name] = value;
        return;
      }
      const next = node[name];
      if (typeof next === "string") throw new FormError(`Invalid parameter: ${key}`, key);
      if (!next) node[name] = {};
      node = node[name] as FormObject;
    });
  }
  return toArrays(root) as FormObject;
}
