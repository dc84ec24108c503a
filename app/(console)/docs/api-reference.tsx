"use client";

import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";
import { useEffect, useRef, useState } from "react";

/**
 * The OpenAPI document rendered by Swagger UI, bundled with the app (no outside network): its code loads as a chunk of
 * this page, so the page's CSP nonce covers it, and it needs no eval or inline script (its inline style attributes
 * are allowed by the console's policy already). The online validator badge is off — it would send the document to a
 * third party.
 */
export function ApiReference({ url }: { url: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUI }) => {
        if (cancelled || !container.current) return;
        SwaggerUI({
          domNode: container.current,
          url,
          validatorUrl: null,
          // Off: a deep link is an <a href> inside each operation's toggle button, a control nested in a control.
          deepLinking: false,
          docExpansion: "list",
          defaultModelsExpandDepth: 0,
        });
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <>
      {failed && (
        <p role="alert" className="text-sm text-red-800">
          The API reference could not be shown: {failed}
        </p>
      )}
      <div ref={container} data-testid="api-reference" className="rounded-md border border-slate-200 bg-white" />
    </>
  );
}
