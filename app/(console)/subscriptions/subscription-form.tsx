"use client";

import { useActionState, useState } from "react";
import { FIRST_SCHEDULABLE_DAY, LAST_SCHEDULABLE_DAY } from "@/lib/schedules/schema";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH } from "@/lib/subscriptions/schemas";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { saveSubscriptionAction } from "./actions";
import { RecipientsFields, recipientsInitial, type RecipientsFormValues } from "./recipients-fields";

export type SubscriptionFormValues = {
  id?: string;
  name: string;
  reportId: string;
  format: string;
  recipients: string;
  subject: string;
  message: string;
  frequency: string;
  time: string;
  timeZone: string;
  dayOfWeek: string;
  dayOfMonth: string;
} & Partial<Omit<RecipientsFormValues, "recipients">>;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function SubscriptionForm({
  initial,
  reports,
  timeZones,
}: {
  initial: SubscriptionFormValues;
  reports: { id: string; name: string }[];
  timeZones: string[];
}) {
  const [state, action, pending] = useActionState(saveSubscriptionAction, null);
  const [values, setValues] = useState(initial);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: keyof SubscriptionFormValues) => ({
    id: `subscription-${name}`,
    name,
    value: values[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
    "aria-describedby": `subscription-${name}-error`,
  });
  const label = (name: keyof SubscriptionFormValues, text: string) => (
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
      <RecipientsFields initial={recipientsInitial(initial)} reportId={values.reportId} errors={errors} />
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
      <div>
        {label("frequency", "Schedule")}
        <select className="input" {...field("frequency")}>
          <option value="manual">Manual only</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
        </select>
      </div>
      {values.frequency !== "manual" && (
        <div className="grid grid-cols-2 gap-4">
          {values.frequency === "weekly" && (
            <div>
              {label("dayOfWeek", "Day of week")}
              <select className="input" {...field("dayOfWeek")}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
          )}
          {values.frequency === "monthly" && (
            <div>
              {label("dayOfMonth", "Day of month")}
              <input
                type="number"
                min={FIRST_SCHEDULABLE_DAY}
                max={LAST_SCHEDULABLE_DAY}
                className="input"
                {...field("dayOfMonth")}
              />
              <FieldError id="subscription-dayOfMonth-error" messages={errors.dayOfMonth} />
            </div>
          )}
          <div>
            {label("time", "Time")}
            <input type="time" required className="input" {...field("time")} />
            <FieldError id="subscription-time-error" messages={errors.time} />
          </div>
          <div>
            {label("timeZone", "Time zone")}
            <input list="time-zones" required className="input" {...field("timeZone")} />
            <datalist id="time-zones">
              {timeZones.map((tz) => (
                <option key={tz} value={tz} />
              ))}
            </datalist>
            <FieldError id="subscription-timeZone-error" messages={errors.timeZone} />
          </div>
        </div>
      )}
      <FormError message={state && !state.ok && state.error} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Save subscription
      </button>
    </form>
  );
}
