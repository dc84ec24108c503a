import ipaddr from "ipaddr.js";

// Enough for any real allow-list; keeps the per-request check and the form small.
export const MAX_ALLOWED_IPS = 100;
// Parsed ranges are reused across requests; a token's list rarely changes.
const MAX_CACHED_RANGES = 10_000;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const parsedRanges = new Map<string, Range>();

/** One line of **Allowed IP ranges** as a CIDR ("10.0.0.0/8", "2001:db8::/32"); a bare address becomes /32 or /128. */
export function normalizeRange(line: string): string | null {
  const value = line.trim();
  try {
    if (value.includes("/")) {
      const [address, bits] = ipaddr.parseCIDR(value);
      return `${address.toString()}/${bits}`;
    }
    if (!ipaddr.isValid(value)) return null;
    const address = ipaddr.parse(value);
    return `${address.toString()}/${address.kind() === "ipv4" ? 32 : 128}`;
  } catch {
    return null;
  }
}

/** The form's text, one range per line (blank lines ignored): the CIDRs, or the lines that are not one. */
export function parseAllowedIps(text: string): { cidrs: string[]; invalid: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const cidrs: string[] = [];
  const invalid: string[] = [];
  for (const line of lines) {
    const cidr = normalizeRange(line);
    if (cidr) {
      if (!cidrs.includes(cidr)) cidrs.push(cidr);
    } else invalid.push(line);
  }
  return { cidrs, invalid };
}

function rangeOf(cidr: string): Range | null {
  let range = parsedRanges.get(cidr);
  if (!range) {
    try {
      range = ipaddr.parseCIDR(cidr);
    } catch {
      return null;
    }
    if (parsedRanges.size >= MAX_CACHED_RANGES) parsedRanges.clear();
    parsedRanges.set(cidr, range);
  }
  return range;
}

/** Whether a client address may use a token with these ranges (none: anywhere; an unknown address: nowhere). */
export function ipAllowed(ip: string | null, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  // An IPv4 client seen through an IPv6 socket (::ffff:10.0.0.1) is matched as IPv4.
  const address = ipaddr.process(ip);
  return cidrs.some((cidr) => {
    const range = rangeOf(cidr);
    if (!range || range[0].kind() !== address.kind()) return false;
    return address.match(range);
  });
}
