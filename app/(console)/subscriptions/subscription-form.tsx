"use client";

import { useActionState, useState } from "react";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH } from "@/lib/subscriptions/schemas";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { NO_DELIVERY_OPTIONS, type DeliveryOptions } from "@/lib/subscriptions/delivery-options";
import { saveSubscriptionAction } from "./actions";
import { RecipientsFields, recipientsInitial, type RecipientsFormValues } from "./recipients-fields";
import { DeliveryOptionsFields, TemplateVariablesHint } from "./delivery-options-fields";
import { ScheduleFields, type HolidayCalendarOption, type ScheduleFormValues } from "./schedule-fields";

export type SubscriptionFormValues = {
  id?: string;
  name: string;
  reportId: string;
  format: string;
  recipients: string;
  subject: string;
  message: string;
  schedule: ScheduleFormValues;
} & Partial<Omit<RecipientsFormValues, "recipients">>;

export function SubscriptionForm({
  initial,
  reports,
  timeZones,
  deliveryOptions = NO_DELIVERY_OPTIONS,
  calendars,
}: {
  initial: SubscriptionFormValues;
  reports: { id: string; name: string }[];
  timeZones: string[];
  deliveryOptions?: DeliveryOptions;
  calendars: HolidayCalendarOption[];
}) {
  const [state, action, pending] = useActionState(saveSubscriptionAction, null);
  const [values, setValues] = useState(initial);
  const [mode, setMode] = useState(initial.recipientsMode ?? "list");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  type TextField = Exclude<keyof SubscriptionFormValues, "schedule" | keyof RecipientsFormValues> | "recipients";
  const field = (name: TextField) => ({
    id: `subscription-${name}`,
    name,
    value: values[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
    "aria-describedby": `subscription-${name}-error`,
  });
  const label = (name: TextField, text: string) => (
    <label htmlFor={`subscription-${name}`} className="text-sm font-medium">
      {text}
    </label>
  );

  return (
    <form
      onSubmit={(event) => submitKeepingValues(event, action)}
      className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      {values.id && <input type="hidden" name="id" value={values.id} />}
      <div>
        {label("name", "Name")}
        <input required maxLength={MAX_NAME_LENGTH} className="input" {...field("name")} />
        <FieldError id="subscription-name-error" messages={errors.name} />
      </div>
      <div>
        {label("reportId", "Report")}
        <select required className="input" {...field("reportId")}>
          <option value="">Choose a report…</option>
          {reports.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <FieldError id="subscription-reportId-error" messages={errors.reportId} />
      </div>
      <div>
        {label("format", "Format")}
        <select className="input" {...field("format")}>
          <option value="pdf">PDF</option>
          <option value="xlsx">Excel</option>
          <option value="csv">CSV</option>
        </select>
      </div>
      <RecipientsFields
        initial={recipientsInitial(initial)}
        reportId={values.reportId}
        errors={errors}
        onModeChange={setMode}
      />
      <div>
        {label("subject", "Subject")}
        <input required maxLength={MAX_SUBJECT_LENGTH} className="input" {...field("subject")} />
        <FieldError id="subscription-subject-error" messages={errors.subject} />
      </div>
      <div>
        {label("message", "Message")}
        <textarea rows={4} maxLength={MAX_MESSAGE_LENGTH} className="input" {...field("message")} />
        <FieldError id="subscription-message-error" messages={errors.message} />
      </div>
      <TemplateVariablesHint />
      <DeliveryOptionsFields initial={deliveryOptions} perRecipient={mode !== "list"} errors={errors} />
      <ScheduleFields initial={initial.schedule} errors={errors} timeZones={timeZones} calendars={calendars} />
      <FormError message={state && !state.ok && state.error} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Save subscription
      </button>
    </form>
  );
}
