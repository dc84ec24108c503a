import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listSemanticModels } from "@/lib/semantic-models/repository";
import { DataTable } from "@/app/components/data-table";
import { PageHeader } from "@/app/components/page-header";
import { formatDateTime } from "@/app/components/format";
import { refreshScheduleText } from "@/app/components/schedule-text";
import { RefreshNowButton } from "./refresh-now";

export const metadata = { title: "Semantic models" };

export default async function SemanticModelsPage() {
  const user = await requireUser();
  const isAdmin = user.role === "admin";
  const models = await listSemanticModels();
  return (
    <>
      <PageHeader title="Semantic models">
        {isAdmin && (
          <Link href="/semantic-models/new" className="btn-primary">
            New semantic model
          </Link>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        A semantic model is a source query over the warehouse; its refreshed values fill the dropdowns of reports&apos;
        data-input columns.
      </p>
      <DataTable
        headers={["Name", "Refresh", "Values", "Last refreshed"]}
        actions
        items={models}
        empty="No semantic models yet. New semantic model gives a report's dropdown column its list of values."
        row={(m) => (
          <tr key={m.id}>
            <td>
              <Link href={`/semantic-models/${m.id}`} className="font-medium text-blue-700 hover:underline">
                {m.name}
              </Link>
            </td>
            <td>{refreshScheduleText(m)}</td>
            <td>{m.valuesCount}</td>
            <td>{m.lastRefreshedAt ? formatDateTime(m.lastRefreshedAt) : "Never"}</td>
            <td>
              {isAdmin && (
                <div className="flex flex-wrap items-center gap-2">
                  <RefreshNowButton id={m.id} />
                  <Link href={`/semantic-models/${m.id}#edit`} className="btn">
                    Edit
                  </Link>
                </div>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}
