import { MAX_COLUMN_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { FieldError } from "./field-error";

/** A read-only SQL query over the warehouse, as the report and semantic model forms take it. */
export function QueryField({
  label,
  messages,
  ...textarea
}: { id: string; label: string; messages?: string[] } & React.ComponentProps<"textarea">) {
  return (
    <div>
      <label htmlFor={textarea.id} className="text-sm font-medium">
        {label}
      </label>
      <textarea required spellCheck={false} className="input font-mono" {...textarea} />
      <FieldError id={`${textarea.id}-error`} messages={messages} />
      <p className="mt-1 text-xs text-slate-500">
        Read-only SQL over the warehouse; tables of schema <code>warehouse</code> need no prefix.
      </p>
    </div>
  );
}

/** The name of one of the query's columns, with a line of `help` saying what the column is for. */
export function ColumnNameField({
  label,
  help,
  messages,
  ...input
}: { id: string; label: string; help: React.ReactNode; messages?: string[] } & React.ComponentProps<"input">) {
  return (
    <div>
      <label htmlFor={input.id} className="text-sm font-medium">
        {label}
      </label>
      <input
        required
        maxLength={MAX_COLUMN_NAME_LENGTH}
        className="input font-mono"
        {...input}
        aria-describedby={`${input.id}-help ${input.id}-error`}
      />
      <p id={`${input.id}-help`} className="mt-1 text-xs text-slate-500">
        {help}
      </p>
      <FieldError id={`${input.id}-error`} messages={messages} />
    </div>
  );
}
