import { env } from "../env";
import { log } from "../log";

// Longer values are not addresses; the cap keeps garbage out of audit rows and limiter keys.
const MAX_ADDRESS_LENGTH = 64;

/**
 * The connection's own address, written by server/peer-address.mjs on every request (overwriting whatever a client
 * sent under this name). Next keeps a client's X-Forwarded-For, so the socket address is only known this way.
 */
export const PEER_ADDRESS_HEADER = "x-sluice-peer-address";
// Set by the preload once it is installed: without it the header above could come from a client.
const PRELOAD_MARK = Symbol.for("sluice.peer-address");

let missingPreloadLogged = false;

/** The `hops`-th X-Forwarded-For entry from the right: the address the outermost trusted proxy saw. */
export function forwardedAddress(value: string | null | undefined, hops: number): string | null {
  if (!value || hops < 1) return null;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted proxies: the leftmost one is as far as the chain goes.
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry ? entry.slice(0, MAX_ADDRESS_LENGTH) : null;
}

function peerAddress(headers: Headers): string | null {
  if ((globalThis as Record<symbol, unknown>)[PRELOAD_MARK] !== true) {
    if (!missingPreloadLogged) log.error("server/peer-address.mjs is not loaded: client addresses are unknown");
    missingPreloadLogged = true;
    return null;
  }
  return (
    headers
      .get(PEER_ADDRESS_HEADER)
      ?.replace(/^::ffff:/, "")
      .slice(0, MAX_ADDRESS_LENGTH) || null
  );
}

/**
 * The caller's address (SPEC §11): with TRUSTED_PROXY_HOPS=0 the connection's own address and never a header the
 * client could set; with N, the Nth X-Forwarded-For entry from the right, as the trusted proxies wrote it.
 */
export function clientIp(headers: Headers, hops = env.TRUSTED_PROXY_HOPS): string | null {
  if (hops === 0) return peerAddress(headers);
  return forwardedAddress(headers.get("x-forwarded-for"), hops) ?? peerAddress(headers);
}

/** For next-auth's `authorize`, which receives the headers as a plain record. */
export function clientIpFromRecord(record: Record<string, unknown> | undefined): string | null {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record ?? {})) {
    if (typeof value === "string") headers.set(name, value);
  }
  return clientIp(headers);
}
