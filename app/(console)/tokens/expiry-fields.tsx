"use client";

import { useState } from "react";
import { dateAfter, MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "@/lib/tokens/expiry";
import { FieldError } from "@/app/components/field-error";

/**
 * **Expiry** (30 / 60 / 90 days or **Custom date**, which reveals **Expiry date**), as at creation and regeneration.
 * Reports whether a choice is complete, so the form can keep its button disabled until it is.
 */
export function ExpiryFields({
  idPrefix,
  errors,
  onComplete,
}: {
  idPrefix: string;
  errors?: string[];
  onComplete: (complete: boolean) => void;
}) {
  const [expiry, setExpiry] = useState("30");
  const [expiryDate, setExpiryDate] = useState("");
  const update = (choice: string, date: string) => {
    setExpiry(choice);
    setExpiryDate(date);
    onComplete(choice !== "custom" || date !== "");
  };
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-expiry`} className="text-sm font-medium">
          Expiry
        </label>
        <select
          id={`${idPrefix}-expiry`}
          name="expiry"
          value={expiry}
          onChange={(e) => update(e.target.value, expiryDate)}
          className="input"
        >
          <option value="30">30 days</option>
          <option value="60">60 days</option>
          <option value="90">90 days</option>
          <option value="custom">Custom date</option>
        </select>
      </div>
      {expiry === "custom" && (
        <label className="block">
          <span className="text-sm font-medium">Expiry date</span>
          <input
            type="date"
            name="expiryDate"
            value={expiryDate}
            onChange={(e) => update(expiry, e.target.value)}
            min={dateAfter(new Date(), MIN_EXPIRY_DAYS)}
            max={dateAfter(new Date(), MAX_EXPIRY_DAYS)}
            required
            className="input"
            aria-describedby={`${idPrefix}-expiry-date-error`}
          />
          <FieldError id={`${idPrefix}-expiry-date-error`} messages={errors} />
        </label>
      )}
    </>
  );
}
