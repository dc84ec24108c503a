import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

const DESCRIPTION_MAX = 500;
// Browsers and most servers accept URLs of up to about 2,000 characters.
const URL_MAX = 2_000;

export const createEndpointSchema = z.object({
  url: z.string().trim().min(1, "Enter the receiver's URL.").max(URL_MAX, `At most ${URL_MAX} characters.`),
  events: z
    .preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    )
    .refine((events) => events.length > 0, "Choose at least one event.")
    .transform((events) => [...new Set(events)]),
  description: z.string().trim().max(DESCRIPTION_MAX, `At most ${DESCRIPTION_MAX} characters.`).default(""),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ id: z.uuid() });
export const setEndpointStatusSchema = endpointIdSchema.extend({ status: z.enum(["active", "disabled"]) });
export const deliveryIdSchema = z.object({ deliveryId: z.uuid() });
