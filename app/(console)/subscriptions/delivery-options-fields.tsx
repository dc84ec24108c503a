import { TEMPLATE_VARIABLES } from "@/lib/subscriptions/mail-template";
import type { DeliveryOptions } from "@/lib/subscriptions/delivery-options";

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

/** The sending options of the subscription form: unticked boxes send nothing, which the schema reads as false. */
export function DeliveryOptionsFields({ initial }: { initial: DeliveryOptions }) {
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
              aria-describedby={`subscription-${option.name}-hint`}
            />
            {option.label}
          </label>
          <p id={`subscription-${option.name}-hint`} className="ml-6 text-xs text-slate-500">
            {option.hint}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
