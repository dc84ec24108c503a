import { requireAdminPage } from "@/lib/auth/guards";
import { PageHeader } from "@/app/components/page-header";
import { BLANK_MODEL, timeZoneChoices } from "../form-values";
import { SemanticModelForm } from "../model-form";

export const metadata = { title: "New semantic model" };

export default async function NewSemanticModelPage() {
  await requireAdminPage();
  return (
    <>
      <PageHeader title="New semantic model" />
      <SemanticModelForm initial={BLANK_MODEL} timeZones={timeZoneChoices()} />
    </>
  );
}
