import { date, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { runKind, runStatus } from "./runs";

/**
 * Finished runs per UTC day (of `finished_at`), kind and outcome, kept by statement triggers on `runs` (migration
 * 0007): the home page reads 30 small rows instead of counting a million runs.
 */
export const runDailyCounts = pgTable(
  "run_daily_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    kind: runKind("kind").notNull(),
    status: runStatus("status").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.status] })],
);

/** Report e-mails per UTC day (of the delivery's `at`) and outcome, kept by statement triggers on `deliveries`. */
export const deliveryDailyCounts = pgTable(
  "delivery_daily_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    status: text("status").$type<"sent" | "failed" | "skipped">().notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.status] })],
);
