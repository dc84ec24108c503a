import { TEMPLATE_VARIABLES } from "@/lib/subscriptions/mail-template";
import type { DeliveryOptions } from "@/lib/subscriptions/delivery-options";
import { FieldError } from "@/app/components/field-error";

const OPTIONS: { name: keyof DeliveryOptions; label: string; hint: string }[] = [
  {
    name: "onlyWhenRows",
    label: "Only send when the report has rows",
    hint: "A run of an empty report succeeds without e-mailing anyone.",
  },
  {
    name: "onlyWhenChanged",
    label: "Only send when the report changed",
    hint: "A run whose rows are the same as the last e-mailed run's sends nothing.",
  },
  {
    name: "notifyOnFailure",
    label: "Notify me when a run fails",
    hint: "The subscription's creator gets an e-mail when a run has failed after its last retry.",
  },
];

/** The variables Subject and Message accept, shown under them. */
export function TemplateVariablesHint() {
  return (
    <p id="subscription-variables" className="text-sm text-slate-600">
      Subject and Message may use{" "}
      {TEMPLATE_VARIABLES.map((variable, index) => (
        <span key={variable.name}>
          {index > 0 && (index === TEMPLATE_VARIABLES.length - 1 ? " and " : ", ")}
          <code>{`{{${variable.name}}}`}</code> ({variable.description})
        </span>
      ))}
      . Other text in double braces is sent as typed.
    </p>
  );
}

// Each recipient of a per-recipient report gets other rows: there is no one report to compare with the last.
const NOT_PER_RECIPIENT: keyof DeliveryOptions = "onlyWhenChanged";
const NOT_PER_RECIPIENT_HINT =
  "Not offered for per-recipient reports (each recipient gets other rows): they are sent at every run.";

/**
 * The sending options of the subscription form: unticked boxes send nothing, which the schema reads as false. For a
 * per-recipient mode Only send when the report changed is disabled (a disabled box is not sent either).
 */
export function DeliveryOptionsFields({
  initial,
  perRecipient = false,
  errors = {},
}: {
  initial: DeliveryOptions;
  perRecipient?: boolean;
  errors?: Record<string, string[] | undefined>;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Sending</legend>
      {OPTIONS.map((option) => (
        <div key={option.name}>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={option.name}
              defaultChecked={initial[option.name]}
              disabled={perRecipient && option.name === NOT_PER_RECIPIENT}
              aria-describedby={`subscription-${option.name}-hint subscription-${option.name}-error`}
            />
            {option.label}
          </label>
          <p id={`subscription-${option.name}-hint`} className="ml-6 text-xs text-slate-500">
            {perRecipient && option.name === NOT_PER_RECIPIENT ? NOT_PER_RECIPIENT_HINT : option.hint}
          </p>
          <FieldError id={`subscription-${option.name}-error`} messages={errors[option.name]} />
        </div>
      ))}
    </fieldset>
  );
}
