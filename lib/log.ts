import pino from "pino";
import { env } from "./env";

// Structured logs; anything that could carry a secret is redacted by path as a second line of defence.
export const log = pino({
  level: env.LOG_LEVEL,
  redact: {
    paths: [
      "token",
      "*.token",
      "digest",
      "*.digest",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "password",
      "*.password",
    ],
    censor: "[redacted]",
  },
});
