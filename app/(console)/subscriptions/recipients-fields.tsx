"use client";

import { useEffect, useState } from "react";
import { MAX_RECIPIENTS } from "@/lib/subscriptions/schemas";
import {
  EMAIL_COLUMN,
  FILTER_VALUE_COLUMN,
  MAX_BURST_RECIPIENTS,
  RECIPIENTS_MODE_LABELS,
  RECIPIENTS_MODES,
  type RecipientsMode,
} from "@/lib/subscriptions/recipient-modes";
import { FieldError } from "@/app/components/field-error";
import { QueryField } from "@/app/components/query-fields";
import { reportColumnsAction } from "./recipients-actions";

export type RecipientsFormValues = {
  recipientsMode: RecipientsMode;
  recipients: string;
  filterColumn: string;
  recipientsQuery: string;
};

/** The recipients part of a subscription form's starting values (a new subscription starts as a fixed list). */
export function recipientsInitial(
  values: { recipients: string } & Partial<RecipientsFormValues>,
): RecipientsFormValues {
  return {
    recipientsMode: values.recipientsMode ?? "list",
    recipients: values.recipients,
    filterColumn: values.filterColumn ?? "",
    recipientsQuery: values.recipientsQuery ?? "",
  };
}

type Columns = { reportId: string; columns: string[] } | { reportId: string; error: string };

const CAP = MAX_BURST_RECIPIENTS.toLocaleString("en-US");

/**
 * **Recipients** of a subscription (SPEC §10): a fixed list, `email, value` lines with the report's **Filter column**,
 * or a **Recipients query**. The filter column is chosen from the columns of the report picked above.
 */
export function RecipientsFields({
  initial,
  reportId,
  errors,
  onModeChange,
}: {
  initial: RecipientsFormValues;
  reportId: string;
  errors: Record<string, string[] | undefined>;
  /** The sending options depend on the mode (Only send when the report changed is for a fixed list). */
  onModeChange?: (mode: RecipientsMode) => void;
}) {
  const [values, setValues] = useState(initial);
  const [columns, setColumns] = useState<Columns | null>(null);
  const needsColumns = values.recipientsMode !== "list" && reportId !== "";

  useEffect(() => {
    if (!needsColumns || columns?.reportId === reportId) return;
    let current = true;
    const form = new FormData();
    form.set("reportId", reportId);
    void reportColumnsAction(null, form).then((state) => {
      if (!current) return;
      if (state?.ok) setColumns({ reportId, columns: state.data.columns });
      else setColumns({ reportId, error: state?.error ?? "The report's columns could not be read." });
    });
    return () => {
      current = false;
    };
  }, [needsColumns, reportId, columns?.reportId]);

  const set =
    (name: keyof RecipientsFormValues) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value }));
  const known = columns && columns.reportId === reportId && "columns" in columns ? columns.columns : [];
  // The saved column stays offered while the report's columns load (or when they cannot be read).
  const offered = values.filterColumn && !known.includes(values.filterColumn) ? [values.filterColumn, ...known] : known;

  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium">Recipients mode</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {RECIPIENTS_MODES.map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="recipientsMode"
                value={mode}
                checked={values.recipientsMode === mode}
                onChange={(e) => {
                  set("recipientsMode")(e);
                  onModeChange?.(mode);
                }}
              />
              {RECIPIENTS_MODE_LABELS[mode]}
            </label>
          ))}
        </div>
      </fieldset>
      {values.recipientsMode === "query" ? (
        <div>
          <QueryField
            id="subscription-recipientsQuery"
            name="recipientsQuery"
            label="Recipients query"
            rows={4}
            value={values.recipientsQuery}
            onChange={set("recipientsQuery")}
            aria-describedby="subscription-recipientsQuery-error subscription-recipientsQuery-help"
            messages={errors.recipientsQuery}
          />
          <p id="subscription-recipientsQuery-help" className="mt-1 text-xs text-slate-500">
            Returns a column <code>{EMAIL_COLUMN}</code> and, to give each recipient only their rows, a column{" "}
            <code>{FILTER_VALUE_COLUMN}</code>. Run again at each run; at most {CAP} recipients.
          </p>
        </div>
      ) : (
        <div>
          <label htmlFor="subscription-recipients" className="text-sm font-medium">
            Recipients
          </label>
          <textarea
            id="subscription-recipients"
            name="recipients"
            rows={values.recipientsMode === "filter" ? 5 : 3}
            required
            className="input"
            placeholder={
              values.recipientsMode === "filter"
                ? `email, value — one per line, up to ${CAP}`
                : `one address per line, up to ${MAX_RECIPIENTS}`
            }
            value={values.recipients}
            onChange={set("recipients")}
            aria-describedby="subscription-recipients-error"
          />
          <FieldError id="subscription-recipients-error" messages={errors.recipients} />
        </div>
      )}
      {values.recipientsMode !== "list" && (
        <div>
          <label htmlFor="subscription-filterColumn" className="text-sm font-medium">
            Filter column
          </label>
          <select
            id="subscription-filterColumn"
            name="filterColumn"
            className="input font-mono"
            required={values.recipientsMode === "filter"}
            value={values.filterColumn}
            onChange={set("filterColumn")}
            aria-describedby="subscription-filterColumn-help subscription-filterColumn-error"
          >
            <option value="">
              {values.recipientsMode === "filter" ? "Choose a column…" : "None: the whole report"}
            </option>
            {offered.map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </select>
          <p id="subscription-filterColumn-help" className="mt-1 text-xs text-slate-500">
            {reportId === ""
              ? "Choose the report first."
              : values.recipientsMode === "filter"
                ? "Each recipient gets only the rows whose value in this column equals theirs."
                : `Compared with the query's ${FILTER_VALUE_COLUMN}; each recipient gets only the matching rows.`}
          </p>
          {columns && "error" in columns && columns.reportId === reportId && (
            <p className="field-error">{columns.error}</p>
          )}
          <FieldError id="subscription-filterColumn-error" messages={errors.filterColumn} />
        </div>
      )}
    </>
  );
}
