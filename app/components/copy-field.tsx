"use client";

import { useId, useState } from "react";

/** A read-only value (an endpoint, a curl line) with a Copy button. */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <div className="mt-1 flex items-start gap-2">
        {multiline ? (
          <textarea id={id} readOnly value={value} rows={3} className="input mt-0 font-mono text-xs" />
        ) : (
          <input id={id} readOnly value={value} className="input mt-0 font-mono text-xs" />
        )}
        <button
          type="button"
          className="btn"
          aria-label={`Copy ${label}`}
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
