"use client";

import { useState } from "react";
import { FieldError } from "@/app/components/field-error";

export type ScopeOption = { id: string; name: string };

/**
 * One resource scope of the create form (SPEC §8): **All …** or **Only selected**, the latter with one checkbox per
 * subscription or model by name. Submits `<field>Scope` and `<field>Ids`.
 */
export function ScopeFields({
  field,
  legend,
  allLabel,
  options,
  errors,
}: {
  field: "subscription" | "semanticModel";
  legend: string;
  allLabel: string;
  options: ScopeOption[];
  errors?: string[];
}) {
  const [choice, setChoice] = useState<"all" | "selected">("all");
  const errorId = `${field}-scope-error`;
  return (
    <fieldset className="rounded border border-slate-200 p-3" aria-describedby={errorId}>
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {(["all", "selected"] as const).map((value) => (
        <label key={value} className="mr-4 inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${field}Scope`}
            value={value}
            checked={choice === value}
            onChange={() => setChoice(value)}
          />
          {value === "all" ? allLabel : "Only selected"}
        </label>
      ))}
      {choice === "selected" && (
        <div className="mt-2 max-h-40 overflow-y-auto">
          {options.length === 0 && <p className="text-sm text-slate-500">None yet.</p>}
          {options.map((option) => (
            <label key={option.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`${field}Ids`} value={option.id} />
              {option.name}
            </label>
          ))}
        </div>
      )}
      <FieldError id={errorId} messages={errors} />
    </fieldset>
  );
}
