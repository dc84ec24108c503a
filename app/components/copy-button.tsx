"use client";

import { useState } from "react";

/** A **Copy** button that puts `text` on the clipboard and says so. */
export function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied("yes");
          } catch {
            setCopied("no");
          }
        }}
      >
        Copy
      </button>
      <span aria-live="polite" className="text-sm text-green-700">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Copying is blocked here; select the text instead."
            : ""}
      </span>
    </>
  );
}
