import type { NextConfig } from "next";
import { contentSecurityPolicy } from "./lib/csp";

// Pages get their policy, with a per-request nonce, from proxy.ts; this one covers everything proxy.ts does not see.
const staticPolicy = contentSecurityPolicy({ development: process.env.NODE_ENV === "development" });

const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (app, lib, workers, tests) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  experimental: { authInterrupts: true },
  serverExternalPackages: [
    "pino",
    "bullmq",
    "ioredis",
    "pdfkit",
    "exceljs",
    "nodemailer",
    "postgres",
    "rate-limiter-flexible",
    "openapi-to-postmanv2",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: staticPolicy }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: staticPolicy }] },
    ];
  },
};

export default nextConfig;
