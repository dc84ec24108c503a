import { pgTable, uuid, text, timestamp, integer, pgEnum, primaryKey, index } from "drizzle-orm/pg-core";
import { semanticModels } from "./semantic-models";

export const inputColumnType = pgEnum("input_column_type", ["single", "multi"]);

export const reports = pgTable("reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  query: text("query").notNull(),
  keyColumn: text("key_column").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const reportInputColumns = pgTable(
  "report_input_columns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: inputColumnType("type").notNull(),
    semanticModelId: uuid("semantic_model_id")
      .notNull()
      .references(() => semanticModels.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("report_input_columns_report_idx").on(t.reportId)],
);

// Writeback: the value IDs chosen for one row of one data-input column.
export const reportInputChoices = pgTable(
  "report_input_choices",
  {
    columnId: uuid("column_id")
      .notNull()
      .references(() => reportInputColumns.id, { onDelete: "cascade" }),
    rowKey: text("row_key").notNull(),
    valueIds: text("value_ids").array().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.columnId, t.rowKey] })],
);

export type Report = typeof reports.$inferSelect;
export type ReportInputColumn = typeof reportInputColumns.$inferSelect;
