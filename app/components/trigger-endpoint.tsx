import Link from "next/link";
import { CopyButton } from "./copy-button";

/**
 * An API endpoint an integrator can call without looking an id up: the URL in a read-only field labelled `label`,
 * and a ready-to-run curl example with a **Copy** button. The token stays a shell variable, never the real secret.
 */
export function TriggerEndpoint({
  id,
  label,
  url,
  permission,
}: {
  id: string;
  label: string;
  url: string;
  permission: string;
}) {
  const curl = `curl -X POST -H "Authorization: Bearer $SLUICE_TOKEN" ${url}`;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input id={id} readOnly value={url} className="input font-mono" />
      <pre
        tabIndex={0}
        aria-label="curl example"
        className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
      >
        {curl}
      </pre>
      <div className="flex items-center gap-3">
        <CopyButton text={curl} />
      </div>
      <p className="text-sm text-slate-600">
        Set <code>SLUICE_TOKEN</code> to an API token with the <em>{permission}</em> permission. The call answers 202
        with the queued run. See the{" "}
        <Link href="/docs" className="text-blue-700 underline">
          API reference
        </Link>{" "}
        for every call and answer.
      </p>
    </div>
  );
}
