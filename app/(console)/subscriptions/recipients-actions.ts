"use server";

import { z } from "zod";
import { adminAction } from "@/lib/auth/admin-action";
import { DomainError } from "@/lib/domain-error";
import { reportColumns } from "@/lib/subscriptions/recipients-check";
import { QueryError } from "@/lib/warehouse/query";

/** The report's columns, offered as the **Filter column** of a per-recipient subscription. */
export const reportColumnsAction = adminAction(z.object({ reportId: z.uuid() }), async ({ reportId }) => {
  try {
    return { columns: await reportColumns(reportId) };
  } catch (error) {
    if (error instanceof QueryError) throw new DomainError("invalid", `The report's query failed: ${error.message}`);
    throw error;
  }
});
