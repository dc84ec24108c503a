import { FormError } from "./field-error";

/** A modal dialog over the page, named by the heading whose id is `titleId`; `children` is its panel. */
export function Dialog({ titleId, children }: { titleId: string; children: React.ReactNode }) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className="fixed inset-0 z-10 flex items-center justify-center bg-black/30"
    >
      {children}
    </div>
  );
}

/**
 * Asks before an action that cannot be undone: `title` and `message`, then **Cancel** and the red `confirmLabel`
 * button that submits the form to `action`. `children` go into the form (the hidden id of what it acts on).
 */
export function ConfirmDialog({
  titleId,
  title,
  message,
  confirmLabel,
  action,
  onCancel,
  pending = false,
  error = null,
  children,
}: {
  titleId: string;
  title: string;
  message: string;
  confirmLabel: string;
  action: (formData: FormData) => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null;
  children?: React.ReactNode;
}) {
  return (
    <Dialog titleId={titleId}>
      <form action={action} className="w-full max-w-md rounded-lg bg-white p-6 shadow-lg">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="mt-2 text-sm text-slate-600">{message}</p>
        {children}
        <FormError message={error} />
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn-primary bg-red-700 hover:bg-red-800" disabled={pending}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
