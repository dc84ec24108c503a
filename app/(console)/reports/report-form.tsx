"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { FieldError, FormError } from "@/app/components/field-error";
import { ColumnNameField, QueryField } from "@/app/components/query-fields";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { MAX_INPUT_COLUMNS } from "@/lib/reports/schemas";
import { saveReportAction } from "./actions";
import type { InputColumnValues, ReportFormValues } from "./form-values";

type Group = InputColumnValues & { key: number };

/** The new and edit form of a report; saving runs its query once against the warehouse. */
export function ReportForm({ initial, models }: { initial: ReportFormValues; models: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(saveReportAction, null);
  const [values, setValues] = useState({ name: initial.name, query: initial.query, keyColumn: initial.keyColumn });
  // Each group keeps a key of its own so removing one does not shift what the others show.
  const [groups, setGroups] = useState<Group[]>(() => initial.inputColumns.map((c, key) => ({ ...c, key })));
  const [nextKey, setNextKey] = useState(initial.inputColumns.length);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const bind = (field: keyof typeof values) => ({
    id: `report-${field}`,
    name: field,
    value: values[field],
    "aria-describedby": `report-${field}-error`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [field]: e.target.value })),
  });
  const update = (key: number, patch: Partial<InputColumnValues>) =>
    setGroups((gs) => gs.map((g) => (g.key === key ? { ...g, ...patch } : g)));
  const add = () => {
    setGroups((gs) => [
      ...gs,
      { key: nextKey, name: "", type: "single", semanticModelId: models.length === 1 ? (models[0]?.id ?? "") : "" },
    ]);
    setNextKey((k) => k + 1);
  };

  return (
    <form
      onSubmit={(event) => submitKeepingValues(event, action)}
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div>
        <label htmlFor="report-name" className="text-sm font-medium">
          Name
        </label>
        <input required maxLength={MAX_NAME_LENGTH} className="input" {...bind("name")} />
        <FieldError id="report-name-error" messages={errors.name} />
      </div>
      <QueryField
        label="Query"
        rows={8}
        placeholder="select id, sold_on, amount from sales"
        messages={errors.query}
        {...bind("query")}
      />
      <ColumnNameField
        label="Key column"
        help="The query column that identifies a row; choices are saved against it."
        messages={errors.keyColumn}
        {...bind("keyColumn")}
      />

      <div className="space-y-3">
        <h2 className="text-sm font-semibold">Data-input columns</h2>
        {groups.length === 0 && <p className="text-sm text-slate-500">None: the report is read-only.</p>}
        {groups.map((group, index) => {
          const prefix = `input-column-${group.key}`;
          return (
            <fieldset key={group.key} className="rounded-md border border-slate-200 p-4">
              <legend className="px-1 text-sm font-medium">Data-input column {index + 1}</legend>
              {/* One entry per group, empty for a new column, so the repeated fields stay aligned by position. */}
              <input type="hidden" name="inputColumnId" value={group.id ?? ""} />
              <div className="grid gap-3 sm:grid-cols-3">
                <div>
                  <label htmlFor={`${prefix}-name`} className="text-sm font-medium">
                    Column name
                  </label>
                  <input
                    id={`${prefix}-name`}
                    name="inputColumnName"
                    required
                    maxLength={MAX_NAME_LENGTH}
                    className="input"
                    value={group.name}
                    onChange={(e) => update(group.key, { name: e.target.value })}
                  />
                </div>
                <div>
                  <label htmlFor={`${prefix}-type`} className="text-sm font-medium">
                    Type
                  </label>
                  <select
                    id={`${prefix}-type`}
                    name="inputColumnType"
                    className="input"
                    value={group.type}
                    onChange={(e) => update(group.key, { type: e.target.value === "multi" ? "multi" : "single" })}
                  >
                    <option value="single">Single-select</option>
                    <option value="multi">Multi-select</option>
                  </select>
                </div>
                <div>
                  <label htmlFor={`${prefix}-model`} className="text-sm font-medium">
                    Semantic model
                  </label>
                  <select
                    id={`${prefix}-model`}
                    name="inputColumnModel"
                    required
                    className="input"
                    value={group.semanticModelId}
                    onChange={(e) => update(group.key, { semanticModelId: e.target.value })}
                  >
                    <option value="">Choose a model…</option>
                    {models.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button
                type="button"
                className="btn-danger mt-3"
                onClick={() => setGroups((gs) => gs.filter((g) => g.key !== group.key))}
              >
                Remove
              </button>
            </fieldset>
          );
        })}
        <FieldError id="report-inputColumns-error" messages={errors.inputColumns} />
        {models.length === 0 && (
          <p className="text-sm text-slate-600">
            A data-input column takes its values from a semantic model.{" "}
            <Link href="/semantic-models/new" className="text-blue-700 underline">
              Create one first.
            </Link>
          </p>
        )}
        <button type="button" className="btn" onClick={add} disabled={groups.length >= MAX_INPUT_COLUMNS}>
          Add data-input column
        </button>
      </div>

      <FormError message={state && !state.ok && state.error} />
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          Save report
        </button>
        {pending && <span className="text-sm text-slate-500">Checking the query…</span>}
      </div>
    </form>
  );
}
