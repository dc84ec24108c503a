"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { ConfirmDialog } from "@/app/components/dialog";
import { FieldError, FormError } from "@/app/components/field-error";
import { submitKeepingValues } from "@/app/components/submit-keeping-values";
import { MAX_NAME_LENGTH } from "@/lib/forms/zod-helpers";
import { deleteHolidayCalendarAction, saveHolidayCalendarAction } from "./actions";

/** Create or edit a holiday calendar: a name and its dates, one per line. */
export function HolidayCalendarForm({ initial }: { initial: { id?: string; name: string; dates: string } }) {
  const [state, action, pending] = useActionState(saveHolidayCalendarAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      onSubmit={(event) => submitKeepingValues(event, action)}
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6"
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div>
        <label htmlFor="holiday-name" className="text-sm font-medium">
          Name
        </label>
        <input
          id="holiday-name"
          name="name"
          required
          maxLength={MAX_NAME_LENGTH}
          defaultValue={initial.name}
          className="input"
          aria-describedby="holiday-name-error"
        />
        <FieldError id="holiday-name-error" messages={errors.name} />
      </div>
      <div>
        <label htmlFor="holiday-dates" className="text-sm font-medium">
          Dates
        </label>
        <textarea
          id="holiday-dates"
          name="dates"
          rows={8}
          defaultValue={initial.dates}
          className="input font-mono"
          placeholder={"2026-12-25\n2026-12-26"}
          aria-describedby="holiday-dates-hint holiday-dates-error"
        />
        <p id="holiday-dates-hint" className="text-xs text-slate-500">
          One date per line (YYYY-MM-DD). Schedules read them in their own time zone.
        </p>
        <FieldError id="holiday-dates-error" messages={errors.dates} />
      </div>
      <FormError message={state && !state.ok && state.error} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {initial.id ? "Save calendar" : "Create calendar"}
      </button>
    </form>
  );
}

/** Edit and Delete for one calendar; Delete asks first and is refused while a subscription uses the calendar. */
export function HolidayCalendarActions({ id, name }: { id: string; name: string }) {
  const [state, remove, pending] = useActionState(deleteHolidayCalendarAction, null);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={`/settings/holidays/${id}`} className="btn">
        Edit
      </Link>
      <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          titleId={`delete-${id}`}
          title={`Delete “${name}”?`}
          message="Schedules can no longer skip its dates. This cannot be undone."
          confirmLabel="Delete calendar"
          action={remove}
          pending={pending}
          error={state && !state.ok ? state.error : null}
          onCancel={() => setConfirming(false)}
        >
          <input type="hidden" name="id" value={id} />
        </ConfirmDialog>
      )}
    </div>
  );
}
