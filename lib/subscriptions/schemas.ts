import { z } from "zod";
import { refineSchedule, scheduleFormFields } from "../schedules/subscription-schedule";
import { MAX_NAME_LENGTH } from "../forms/zod-helpers";
import { deliveryOptionFields } from "./delivery-options";
import { parseRecipientList } from "./recipients";
import { recipientsModeFields, withStoredRecipients } from "./recipients-schema";

export const MAX_RECIPIENTS = 500;
// A field error names this many bad addresses, then says how many more there are.
const INVALID_RECIPIENTS_NAMED = 10;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 5_000;
export const ONLY_WHEN_CHANGED_FIXED_LIST =
  "Only send when the report changed is for a Fixed list; per-recipient reports are sent at every run";
export const FORMATS = ["pdf", "xlsx", "csv"] as const;
export const FORMAT_LABELS: Record<(typeof FORMATS)[number], string> = { pdf: "PDF", xlsx: "Excel", csv: "CSV" };

const emailSchema = z.email();

const recipientsSchema = z
  .string()
  .transform(parseRecipientList)
  .superRefine((list, ctx) => {
    const invalid = list.filter((address) => !emailSchema.safeParse(address).success);
    if (invalid.length)
      ctx.addIssue({
        code: "custom",
        message:
          `Not e-mail addresses: ${invalid.slice(0, INVALID_RECIPIENTS_NAMED).join(", ")}` +
          (invalid.length > INVALID_RECIPIENTS_NAMED ? ` and ${invalid.length - INVALID_RECIPIENTS_NAMED} more` : ""),
      });
    if (list.length < 1) ctx.addIssue({ code: "custom", message: "Add at least one recipient" });
    if (list.length > MAX_RECIPIENTS) ctx.addIssue({ code: "custom", message: `At most ${MAX_RECIPIENTS} recipients` });
  });

const subscriptionFormFields = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, "Required").max(MAX_NAME_LENGTH, `At most ${MAX_NAME_LENGTH} characters`),
    reportId: z.uuid("Pick a report"),
    format: z.enum(FORMATS),
    ...recipientsModeFields,
    subject: z.string().trim().min(1, "Required").max(MAX_SUBJECT_LENGTH, `At most ${MAX_SUBJECT_LENGTH} characters`),
    message: z
      .string()
      .trim()
      .max(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH.toLocaleString("en-US")} characters`)
      .default(""),
    ...scheduleFormFields,
    ...deliveryOptionFields,
  })
  .superRefine((input, ctx) => {
    refineSchedule(input, ctx);
    // Each recipient gets other rows: "changed" has no one report to compare with (SPEC §10).
    if (input.onlyWhenChanged && input.recipientsMode !== "list") {
      ctx.addIssue({ code: "custom", path: ["onlyWhenChanged"], message: ONLY_WHEN_CHANGED_FIXED_LIST });
    }
  });

// The recipients fields become what is stored, by mode (lib/subscriptions/recipients-schema.ts).
export const subscriptionFormSchema = subscriptionFormFields.transform((input, ctx) =>
  withStoredRecipients(input, ctx, recipientsSchema),
);

export type SubscriptionInput = z.infer<typeof subscriptionFormSchema>;

export const subscriptionIdSchema = z.object({ id: z.uuid() });
