import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/app/components/page-header";
import { ApiReference } from "./api-reference";

export const metadata = { title: "API reference" };

export default async function DocsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="API reference" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        Every call of the trigger API, from{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        . Calls take <code>Authorization: Bearer &lt;token&gt;</code> with an API token; <strong>Authorize</strong>{" "}
        below lets you try them from this page.
      </p>
      <ApiReference url="/api/v1/openapi.json" />
    </>
  );
}
