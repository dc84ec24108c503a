"use client";

import { CopyButton } from "./copy-button";
import { Dialog } from "./dialog";

/**
 * The one moment a secret (an API token, a webhook signing secret) leaves the server: shown read-only in a field
 * named `label`, with **Copy**, a plain warning that it cannot be shown again, and **Done**.
 */
export function SecretShownOnce({
  id,
  title,
  warning,
  label,
  secret,
  onClose,
  children,
}: {
  id: string;
  title: string;
  warning: string;
  label: string;
  secret: string;
  onClose: () => void;
  children?: React.ReactNode;
}) {
  return (
    <Dialog titleId={`${id}-title`}>
      <div className="w-full max-w-lg rounded-lg bg-white p-6 shadow-lg">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="mt-2 text-sm font-medium text-amber-800">{warning}</p>
        {children}
        <div className="mt-4">
          <label htmlFor={id} className="text-sm font-medium">
            {label}
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id={id}
              readOnly
              value={secret}
              className="input mt-0 font-mono"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={secret} />
          </div>
        </div>
        <div className="mt-4 flex justify-end">
          <button type="button" className="btn-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
