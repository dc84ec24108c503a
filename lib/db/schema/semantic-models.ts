import { pgTable, uuid, text, timestamp, integer, primaryKey } from "drizzle-orm/pg-core";
import { scheduleFrequency } from "./schedules";

export const semanticModels = pgTable("semantic_models", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  sourceQuery: text("source_query").notNull(),
  labelColumn: text("label_column").notNull(),
  idColumn: text("id_column").notNull(),
  refreshFrequency: scheduleFrequency("refresh_frequency").notNull().default("manual"),
  refreshTime: text("refresh_time").notNull().default("06:00"),
  refreshTimeZone: text("refresh_time_zone").notNull().default("UTC"),
  lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
  valuesCount: integer("values_count").notNull().default(0),
  // Millisecond precision: API page cursors carry it as a JS Date.
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// The current snapshot of a model's list of values, replaced whole by each refresh.
export const semanticModelValues = pgTable(
  "semantic_model_values",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => semanticModels.id, { onDelete: "cascade" }),
    valueId: text("value_id").notNull(),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.valueId] })],
);

export type SemanticModel = typeof semanticModels.$inferSelect;
