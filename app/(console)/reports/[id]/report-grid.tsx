"use client";

import { useRef, useState } from "react";
import { saveChoiceAction } from "../actions";

export type GridInputColumn = { id: string; name: string; type: "single" | "multi"; semanticModelId: string };
export type GridOption = { valueId: string; label: string };
/** A saved value of a cell: its label, or null when its ID is no longer in the model. */
export type GridChoice = { valueId: string; label: string | null };
export type GridRow = { key: string; cells: string[]; inputs: Record<string, GridChoice[]> };

/** The report's rows with one dropdown per data-input column per row; a choice is saved as soon as it is made. */
export function ReportGrid({
  columns,
  inputColumns,
  options,
  rows,
  canEdit,
}: {
  columns: string[];
  inputColumns: GridInputColumn[];
  options: Record<string, GridOption[]>;
  rows: GridRow[];
  canEdit: boolean;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="table bg-white">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={`q-${c}`}>{c}</th>
            ))}
            {inputColumns.map((c) => (
              <th key={`i-${c.id}`} className="bg-blue-50">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + inputColumns.length || 1} className="text-slate-500">
                The query returned no rows.
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={index}>
              {row.cells.map((text, i) => (
                <td key={i}>{text}</td>
              ))}
              {inputColumns.map((column) => (
                <td key={column.id} className="bg-blue-50/40">
                  <ChoiceCell
                    column={column}
                    rowKey={row.key}
                    options={options[column.semanticModelId] ?? []}
                    initial={row.inputs[column.id] ?? []}
                    canEdit={canEdit}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Status = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string };

function ChoiceCell({
  column,
  rowKey,
  options,
  initial,
  canEdit,
}: {
  column: GridInputColumn;
  rowKey: string;
  options: GridOption[];
  initial: GridChoice[];
  canEdit: boolean;
}) {
  const [selected, setSelected] = useState<string[]>(() => initial.map((c) => c.valueId));
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  // Only the answer to the latest change may set the status shown.
  const latest = useRef(0);
  const multi = column.type === "multi";

  const listed = new Set(options.map((o) => o.valueId));
  // Saved values the dropdown would not list: vanished from the model, or beyond the options shown.
  const extra = initial.filter((c) => !listed.has(c.valueId) && selected.includes(c.valueId));
  const missing = extra.filter((c) => c.label === null).map((c) => c.valueId);

  async function save(valueIds: string[]) {
    const request = ++latest.current;
    setStatus({ kind: "saving" });
    const formData = new FormData();
    formData.set("columnId", column.id);
    formData.set("rowKey", rowKey);
    for (const id of valueIds) formData.append("valueIds", id);
    const result = await saveChoiceAction(null, formData);
    if (request !== latest.current) return;
    setStatus(result?.ok ? { kind: "saved" } : { kind: "error", message: result?.error ?? "Not saved." });
  }

  return (
    <div className="min-w-44">
      <select
        aria-label={column.name}
        multiple={multi}
        size={multi ? Math.min(5, Math.max(2, options.length + extra.length)) : undefined}
        className="input mt-0"
        value={multi ? selected : (selected[0] ?? "")}
        disabled={!canEdit}
        onChange={(e) => {
          const next = multi
            ? Array.from(e.currentTarget.selectedOptions, (o) => o.value)
            : e.currentTarget.value
              ? [e.currentTarget.value]
              : [];
          setSelected(next);
          void save(next);
        }}
      >
        {!multi && <option value="">—</option>}
        {extra.map((c) =>
          c.label === null ? (
            <option key={`x-${c.valueId}`} value={c.valueId} disabled>
              Missing value {c.valueId}
            </option>
          ) : (
            <option key={`x-${c.valueId}`} value={c.valueId}>
              {c.label}
            </option>
          ),
        )}
        {options.map((o) => (
          <option key={o.valueId} value={o.valueId}>
            {o.label}
          </option>
        ))}
      </select>
      {missing.length > 0 && (
        <p className="mt-1 text-xs text-amber-800">
          {missing.map((id) => `missing value ${id}`).join(", ")} — no longer in the model
        </p>
      )}
      <p role="status" className="mt-1 min-h-4 text-xs">
        {status.kind === "saving" && <span className="text-slate-500">Saving…</span>}
        {status.kind === "saved" && <span className="text-green-700">Saved</span>}
        {status.kind === "error" && <span className="text-red-700">{status.message}</span>}
      </p>
    </div>
  );
}
