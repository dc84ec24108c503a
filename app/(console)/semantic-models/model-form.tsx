"use client";

import { useActionState, useState } from "react";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { FieldError, FormError } from "@/app/components/field-error";
import { ColumnNameField, QueryField } from "@/app/components/query-fields";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { saveSemanticModelAction } from "./actions";
import type { ModelFormValues } from "./form-values";

const REFRESH_CHOICES = [
  { value: "manual", label: "Manual" },
  { value: "daily", label: "Daily" },
  { value: "monthly", label: "Monthly" },
];

/** The new and edit form of a semantic model; saving checks the source query against the warehouse. */
export function SemanticModelForm({ initial, timeZones }: { initial: ModelFormValues; timeZones: string[] }) {
  const [state, action, pending] = useActionState(saveSemanticModelAction, null);
  const [values, setValues] = useState(initial);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const editing = Boolean(initial.id);
  const bind = (field: Exclude<keyof ModelFormValues, "id">) => ({
    id: `model-${field}`,
    name: field,
    value: values[field],
    "aria-describedby": `model-${field}-error`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [field]: e.target.value })),
  });
  const scheduled = values.refreshFrequency !== "manual";

  return (
    <form
      onSubmit={(event) => submitKeepingValues(event, action)}
      className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div>
        <label htmlFor="model-name" className="text-sm font-medium">
          Name
        </label>
        <input required maxLength={MAX_NAME_LENGTH} className="input" {...bind("name")} />
        <FieldError id="model-name-error" messages={errors.name} />
      </div>
      <QueryField
        label="Source query"
        rows={6}
        placeholder="select id, name from regions"
        messages={errors.sourceQuery}
        {...bind("sourceQuery")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <ColumnNameField
          label="Label column"
          help="What people see in the dropdown."
          messages={errors.labelColumn}
          {...bind("labelColumn")}
        />
        <ColumnNameField
          label="ID column"
          help="What a choice stores. The ID keeps a row's choice stable when a label is renamed."
          messages={errors.idColumn}
          {...bind("idColumn")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="model-refreshFrequency" className="text-sm font-medium">
            Refresh
          </label>
          <select className="input" {...bind("refreshFrequency")}>
            {REFRESH_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldError id="model-refreshFrequency-error" messages={errors.refreshFrequency} />
        </div>
        {scheduled ? (
          <>
            <div>
              <label htmlFor="model-refreshTime" className="text-sm font-medium">
                Time
              </label>
              <input type="time" required className="input" {...bind("refreshTime")} />
              <FieldError id="model-refreshTime-error" messages={errors.refreshTime} />
            </div>
            <div>
              <label htmlFor="model-refreshTimeZone" className="text-sm font-medium">
                Time zone
              </label>
              <input
                required
                list="model-time-zones"
                autoComplete="off"
                className="input"
                {...bind("refreshTimeZone")}
              />
              <datalist id="model-time-zones">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
              <FieldError id="model-refreshTimeZone-error" messages={errors.refreshTimeZone} />
            </div>
          </>
        ) : (
          <>
            {/* Kept as they were, so switching a model to manual and back does not lose its time. */}
            <input type="hidden" name="refreshTime" value={values.refreshTime} />
            <input type="hidden" name="refreshTimeZone" value={values.refreshTimeZone} />
          </>
        )}
      </div>
      {values.refreshFrequency === "monthly" && (
        <p className="text-xs text-slate-500">Monthly refreshes run on the 1st of each month.</p>
      )}
      <FormError message={state && !state.ok && state.error} />
      {state?.ok && (
        <p role="status" className="text-sm text-green-700">
          Saved.
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          Save semantic model
        </button>
        {pending && <span className="text-sm text-slate-500">Checking the source query…</span>}
      </div>
      {editing && (
        <p className="text-xs text-slate-500">
          Saving checks the source query; run <em>Refresh now</em> to load the new values.
        </p>
      )}
    </form>
  );
}
