import { pgEnum } from "drizzle-orm/pg-core";

export const scheduleFrequency = pgEnum("schedule_frequency", ["manual", "daily", "weekly", "monthly"]);
