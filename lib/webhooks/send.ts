import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { Destination } from "./destination";

// SPEC §9: a 2xx within 15 s counts as delivered; anything slower is a failed attempt.
export const DELIVERY_TIMEOUT_MS = 15_000;
// What is kept of a receiver's answer: enough to read an error message, not a whole page.
export const RESPONSE_BODY_MAX_CHARS = 2_000;
// Bytes read off the wire before giving up on the rest (UTF-8 can take 4 bytes per character).
const RESPONSE_READ_MAX_BYTES = RESPONSE_BODY_MAX_CHARS * 4;
const USER_AGENT = "Sluice-Webhooks/1";

export type SendOutcome = {
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
};

type Message = { id: string; body: string; secret: string };

/**
 * POSTs one signed message to the already checked address (never a second DNS lookup), without following
 * redirects: a 3xx is a failed attempt like any other non-2xx. Never throws.
 */
export async function sendWebhook(destination: Destination, message: Message): Promise<SendOutcome> {
  const timestamp = new Date();
  const signature = new Webhook(message.secret).sign(message.id, timestamp, message.body);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // The checked address answers every lookup the request makes; TLS still verifies the certificate for the host name.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: destination.address, family: destination.family }]);
    else callback(null, destination.address, destination.family);
  };
  const request = destination.url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = request(
      destination.url,
      {
        method: "POST",
        lookup,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(message.body),
          "user-agent": USER_AGENT,
          "webhook-id": message.id,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1_000)),
          "webhook-signature": signature,
        },
      },
      (response) => {
        readLimited(response).then(
          (body) => finish({ responseStatus: response.statusCode ?? null, responseBody: body, error: null }),
          () => finish({ responseStatus: response.statusCode ?? null, responseBody: null, error: null }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ responseStatus: null, responseBody: null, error: `No answer within ${DELIVERY_TIMEOUT_MS / 1_000} s.` });
    }, DELIVERY_TIMEOUT_MS);
    req.on("error", (error) => finish({ responseStatus: null, responseBody: null, error: error.message }));
    req.end(message.body);
  });
}

/** The start of the answer's body, then the connection is dropped rather than read to the end. */
async function readLimited(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    bytes += buffer.length;
    if (bytes >= RESPONSE_READ_MAX_BYTES) {
      response.destroy();
      break;
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.length > RESPONSE_BODY_MAX_CHARS ? `${text.slice(0, RESPONSE_BODY_MAX_CHARS - 1)}…` : text;
}

export const isDelivered = (outcome: SendOutcome) =>
  outcome.responseStatus !== null && outcome.responseStatus >= 200 && outcome.responseStatus < 300;
