import { pgTable, uuid, text, timestamp, primaryKey } from "drizzle-orm/pg-core";
import { subscriptions } from "./subscriptions";

/** Addresses that unsubscribed from a subscription through the link in its e-mail; later runs skip them. */
export const subscriptionUnsubscribes = pgTable(
  "subscription_unsubscribes",
  {
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    // Lower case: addresses compare without case, as recipients do.
    email: text("email").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.email] })],
);

export type SubscriptionUnsubscribe = typeof subscriptionUnsubscribes.$inferSelect;
