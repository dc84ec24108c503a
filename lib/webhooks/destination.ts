import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { env } from "../env";
import { withTimeout } from "../util/timeout";
import { firstRow } from "../db/first-row";

// A resolver that does not answer in this time fails the save or the attempt (which is then retried).
const DNS_TIMEOUT_MS = 5_000;
// The only ranges a webhook may reach: public unicast. Loopback, private, link-local (169.254.169.254, the cloud
// metadata address, is link-local), unique-local, CGNAT, multicast, reserved, NAT64 and the like are all refused.
const PUBLIC_RANGE = "unicast";

/** Why a webhook URL or its destination was refused; the message is shown on the **URL** field. */
export class WebhookDestinationError extends Error {}

export type Destination = { url: URL; address: string; family: 4 | 6 };

/** Parses and checks the form of a webhook URL (scheme, no credentials); no network. */
export function parseWebhookUrl(raw: string, allowPrivate = env.WEBHOOK_ALLOW_PRIVATE): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookDestinationError("Enter a full URL, such as https://example.com/hooks/sluice.");
  }
  const schemes = allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) throw new WebhookDestinationError("The URL must start with https://.");
  if (url.username || url.password)
    throw new WebhookDestinationError("The URL may not contain a user name or password.");
  return url;
}

/** Whether an address is one a webhook may be sent to. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ::ffff:127.0.0.1 is 127.0.0.1: judge the IPv4 address inside.
  return ipaddr.process(address).range() === PUBLIC_RANGE;
}

/**
 * Resolves the URL's host and checks every address it resolves to (one private answer among public ones is enough
 * to refuse: the resolver may hand either to the next lookup). Returns the address to connect to, so the request
 * goes to the address that was checked, not to a second lookup's answer. Runs at save and before every attempt.
 */
export async function resolveDestination(raw: string, allowPrivate = env.WEBHOOK_ALLOW_PRIVATE): Promise<Destination> {
  const url = parseWebhookUrl(raw, allowPrivate);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let answers: { address: string; family: number }[];
  try {
    answers = await withTimeout(lookup(host, { all: true, verbatim: true }), DNS_TIMEOUT_MS, "DNS lookup");
  } catch {
    throw new WebhookDestinationError(`The host ${host} could not be resolved.`);
  }
  if (answers.length === 0) throw new WebhookDestinationError(`The host ${host} could not be resolved.`);
  if (!allowPrivate) {
    const refused = answers.find((answer) => !isPublicAddress(answer.address));
    if (refused) {
      throw new WebhookDestinationError(
        `The host ${host} resolves to ${refused.address}, a loopback, private, link-local or reserved address.`,
      );
    }
  }
  const first = firstRow(answers);
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
