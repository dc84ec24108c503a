import { startTransition } from "react";

/** Submits without React's automatic form reset, so a rejected form keeps what was typed and checked. */
export function submitKeepingValues(event: React.FormEvent<HTMLFormElement>, action: (formData: FormData) => void) {
  event.preventDefault();
  const formData = new FormData(event.currentTarget);
  startTransition(() => action(formData));
}
