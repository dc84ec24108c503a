import { requireAdminPage } from "@/lib/auth/guards";
import { modelOptions } from "@/lib/semantic-models/repository";
import { PageHeader } from "@/app/components/page-header";
import { BLANK_REPORT } from "../form-values";
import { ReportForm } from "../report-form";

export const metadata = { title: "New report" };

export default async function NewReportPage() {
  await requireAdminPage();
  const models = await modelOptions();
  return (
    <>
      <PageHeader title="New report" />
      <ReportForm initial={BLANK_REPORT} models={models} />
    </>
  );
}
