import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  // Each page names itself ("API tokens · Sluice"); pages without a title of their own are "Sluice".
  title: { default: "Sluice", template: "%s · Sluice" },
  description: "Report subscriptions and semantic data input models",
};

// Every page renders per request: the CSP nonce proxy.ts makes for each one must reach Next's script tags.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
