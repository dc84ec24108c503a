import { z } from "zod";

// An HTML checkbox sends "on" when ticked and nothing at all when not: a missing field is false, not "unchanged".
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

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
