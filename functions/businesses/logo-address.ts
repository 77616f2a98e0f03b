// Which logo URLs the portal will fetch (once, when the owner sets one). The fetch runs from our
// own network position, so an address that names the machine itself, its cloud metadata service
// or a private network must never be fetched: only https to a public host name on the default
// port. IP literals are refused outright, whatever their spelling (the URL parser turns
// `0x7f.1`, `2130706433` and `127.1` into 127.0.0.1; IPv6 arrives in brackets), so no private,
// loopback or link-local range can slip through as a number.

/** Names that never leave the machine or the local network (RFC 6761, RFC 6762, RFC 8375). */
const LOCAL_SUFFIXES = ["localhost", "local", "internal", "lan", "home.arpa", "intranet"];

/** Why the portal refuses to fetch `raw`, or null when it may be fetched. */
export function logoAddressProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an https URL";
  }
  if (url.protocol !== "https:") return "must be an https URL";
  if (url.username || url.password) return "must not carry a user name or password";
  // The parser lower-cases the host; a trailing dot names the same host, so it is dropped.
  const host = url.hostname.replace(/\.$/, "");
  if (isIpLiteral(host)) return "must name a host, not an IP address";
  const labels = host.split(".");
  if (labels.length < 2 || labels.some((label) => label === "")) {
    return "must name a public host (like cdn.example.com)";
  }
  if (LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return "must name a public host, not a local one";
  }
  if (/^\d+$/.test(labels[labels.length - 1] as string)) {
    return "must name a host, not an IP address";
  }
  if (url.port !== "") return "must use the default https port";
  return null;
}

function isIpLiteral(host: string): boolean {
  // IPv6 (and IPv4-mapped IPv6) hosts keep their brackets; IPv4 is normalised to dotted quads.
  return host.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
