"use client";

import { useState } from "react";

/**
 * A primary button that opens a dialog form. Each opening mounts the dialog afresh (a new key), so a second use
 * starts from a blank form; the dialog gets `onClose`.
 */
export function DialogButton({
  label,
  dialog: DialogForm,
}: {
  label: string;
  dialog: (props: { onClose: () => void }) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <button
        type="button"
        className="btn-primary"
        onClick={() => {
          setFormKey((k) => k + 1);
          setOpen(true);
        }}
      >
        {label}
      </button>
      {open && <DialogForm key={formKey} onClose={() => setOpen(false)} />}
    </>
  );
}
