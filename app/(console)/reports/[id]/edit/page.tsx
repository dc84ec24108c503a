import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guards";
import { isUuid } from "@/lib/forms/zod-helpers";
import { getReport } from "@/lib/reports/repository";
import { modelOptions } from "@/lib/semantic-models/repository";
import { PageHeader } from "@/app/components/page-header";
import { formValuesOf } from "../../form-values";
import { ReportForm } from "../../report-form";

export const metadata = { title: "Edit report" };

export default async function EditReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [report, models] = await Promise.all([getReport(id), modelOptions()]);
  if (!report) notFound();
  return (
    <>
      <PageHeader title={`Edit ${report.name}`}>
        <Link href={`/reports/${id}`} className="btn">
          Open report
        </Link>
      </PageHeader>
      <p className="mb-4 text-sm text-slate-600">
        Saved choices stay with their column while you rename it or change the query; removing a column deletes its
        choices.
      </p>
      <ReportForm initial={formValuesOf(report)} models={models} />
    </>
  );
}
