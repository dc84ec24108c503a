import { z } from "zod";
import { FREQUENCIES, scheduleFields } from "../schedules/schema";
import { MAX_NAME_LENGTH } from "../forms/zod-helpers";
import { parseRecipientList } from "./recipients";
import { recipientsModeFields, withStoredRecipients } from "./recipients-schema";

export const MAX_RECIPIENTS = 50;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 5_000;
export const FORMATS = ["pdf", "xlsx", "csv"] as const;
export const FORMAT_LABELS: Record<(typeof FORMATS)[number], string> = { pdf: "PDF", xlsx: "Excel", csv: "CSV" };
export const SUBSCRIPTION_FREQUENCIES = FREQUENCIES;

const emailSchema = z.email();

const recipientsSchema = z
  .string()
  .transform(parseRecipientList)
  .superRefine((list, ctx) => {
    const invalid = list.filter((address) => !emailSchema.safeParse(address).success);
    if (invalid.length)
      ctx.addIssue({ code: "custom", message: `Not e-mail addresses: ${invalid.slice(0, 5).join(", ")}` });
    if (list.length < 1) ctx.addIssue({ code: "custom", message: "Add at least one recipient" });
    if (list.length > MAX_RECIPIENTS) ctx.addIssue({ code: "custom", message: `At most ${MAX_RECIPIENTS} recipients` });
  });

const subscriptionFormFields = z.object({
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
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
  ...scheduleFields,
});

// The recipients fields become what is stored, by mode (lib/subscriptions/recipients-schema.ts).
export const subscriptionFormSchema = subscriptionFormFields.transform((input, ctx) =>
  withStoredRecipients(input, ctx, recipientsSchema),
);

export type SubscriptionInput = z.infer<typeof subscriptionFormSchema>;

export const subscriptionIdSchema = z.object({ id: z.uuid() });
