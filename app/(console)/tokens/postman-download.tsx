"use client";

import { useState } from "react";

const FILE_NAME = "sluice.postman_collection.json";

type Collection = { variable?: { key: string; value: string }[] };

/**
 * **Download Postman collection**: every v1 request with `baseUrl` and `token` variables. With `token` (the dialog
 * that shows a new one), the token is filled in here in the browser: the server never sees it again.
 */
export function PostmanDownloadButton({ token }: { token?: string }) {
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    const response = await fetch("/tokens/postman-collection", { cache: "no-store" }).catch(() => null);
    if (!response?.ok) {
      setError("The collection could not be made; try again.");
      return;
    }
    const collection = (await response.json()) as Collection;
    if (token) {
      collection.variable = (collection.variable ?? []).map((v) => (v.key === "token" ? { ...v, value: token } : v));
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(collection, null, 2)], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = FILE_NAME;
    document.body.append(link);
    link.click();
    link.remove();
    // Released once the browser has taken the file.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return (
    <>
      <button type="button" className="btn" onClick={() => void download()}>
        Download Postman collection
      </button>
      {error && (
        <span role="alert" className="field-error ml-2">
          {error}
        </span>
      )}
    </>
  );
}
