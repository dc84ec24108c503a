// Longer values are not addresses; the cap keeps garbage out of audit rows and limiter keys.
const MAX_ADDRESS_LENGTH = 64;

/** The first address of an X-Forwarded-For value: the client, as the reverse proxy in front reports it. */
export function firstForwardedAddress(value: string | null | undefined): string | null {
  return value ? value.split(",")[0].trim().slice(0, MAX_ADDRESS_LENGTH) || null : null;
}

/** The caller's address as the reverse proxy in front of the app reports it. */
export function clientIp(headers: Headers): string | null {
  return (
    firstForwardedAddress(headers.get("x-forwarded-for")) ??
    headers.get("x-real-ip")?.slice(0, MAX_ADDRESS_LENGTH) ??
    null
  );
}
