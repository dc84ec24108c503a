import { z } from "zod";

// An HTML checkbox sends "on" when ticked and nothing when not. Optional in the parsed type only, so callers other
// than the form (fixtures, scripts) may leave the options to the table's defaults.
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()).optional();

/** The sending options of the subscription form (SPEC §10), parsed by the same schema as the rest of it. */
export const deliveryOptionFields = {
  onlyWhenRows: checkbox,
  onlyWhenChanged: checkbox,
  notifyOnFailure: checkbox,
};

export type DeliveryOptions = { onlyWhenRows: boolean; onlyWhenChanged: boolean; notifyOnFailure: boolean };

export const NO_DELIVERY_OPTIONS: DeliveryOptions = {
  onlyWhenRows: false,
  onlyWhenChanged: false,
  notifyOnFailure: false,
};
