export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(" ")}
    </p>
  );
}

/** What went wrong with a form as a whole (not one field), announced as an alert; nothing while there is none. */
export function FormError({
  message,
  className = "",
}: {
  message: string | false | null | undefined;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p role="alert" className={`field-error ${className}`.trim()}>
      {message}
    </p>
  );
}
