"use client";

import { SecretShownOnce } from "@/app/components/secret-shown-once";
import { PostmanDownloadButton } from "./postman-download";

/** The one showing of a new secret (created or regenerated), with the Postman collection that has it filled in. */
export function NewTokenShown({ title, token, onClose }: { title: string; token: string; onClose: () => void }) {
  return (
    <SecretShownOnce
      id="created-token"
      title={title}
      warning="Copy this token now. It cannot be shown again after you close this dialog."
      label="API token"
      secret={token}
      onClose={onClose}
    >
      <div className="mt-3 text-sm text-slate-600">
        <PostmanDownloadButton token={token} />
        <span className="ml-2">with this token filled in (made in your browser; the token is not sent anywhere).</span>
      </div>
    </SecretShownOnce>
  );
}
