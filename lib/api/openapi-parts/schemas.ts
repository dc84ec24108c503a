import { PROBLEMS } from "../errors";

const schedule = {
  type: "object",
  required: ["frequency"],
  properties: {
    frequency: { enum: ["manual", "daily", "weekly", "monthly"] },
    time: { type: "string", example: "08:00" },
    timeZone: { type: "string", example: "Europe/Berlin" },
    dayOfWeek: { type: "integer", minimum: 0, maximum: 6 },
    dayOfMonth: { type: "integer", minimum: 1, maximum: 28 },
  },
};

// SPEC §10: a subscription's schedule; each frequency shows only the fields it uses. Dates are local to timeZone.
const subscriptionSchedule = {
  type: "object",
  required: ["frequency"],
  properties: {
    frequency: { enum: ["manual", "once", "hourly", "daily", "weekly", "monthly"] },
    date: { type: "string", format: "date", description: "once: the day it runs" },
    every: { type: "integer", minimum: 1, description: "hourly: every N hours; daily: every N days" },
    time: { type: "string", example: "08:00" },
    timeZone: { type: "string", example: "Europe/Berlin" },
    daysOfWeek: {
      type: "array",
      items: { type: "integer", minimum: 0, maximum: 6 },
      description: "weekly: 0 = Sunday … 6 = Saturday",
    },
    monthlyOn: { enum: ["day", "last-day", "weekday"] },
    dayOfMonth: {
      type: "integer",
      minimum: 1,
      maximum: 31,
      description: "monthlyOn day; a month without the day runs on its last day",
    },
    weekOfMonth: { type: "integer", minimum: 1, maximum: 5, description: "monthlyOn weekday: 1–4, or 5 for the last" },
    dayOfWeek: { type: "integer", minimum: 0, maximum: 6, description: "monthlyOn weekday: 0 = Sunday … 6 = Saturday" },
    startDate: { type: "string", format: "date" },
    endDate: { type: "string", format: "date", description: "inclusive; past it the subscription is completed" },
    holidayCalendarId: { type: "string", format: "uuid", description: "runs falling on its dates are skipped" },
  },
};

/** The resources of /api/v1 as components/schemas. */
export const resourceSchemas = {
  Problem: {
    type: "object",
    required: ["type", "title", "status", "detail", "code"],
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      code: { enum: Object.keys(PROBLEMS) },
    },
  },
  Run: {
    type: "object",
    required: [
      "id",
      "kind",
      "status",
      "trigger",
      "createdAt",
      "startedAt",
      "finishedAt",
      "attempts",
      "error",
      "result",
    ],
    properties: {
      id: { type: "string", format: "uuid" },
      kind: { enum: ["subscription", "semantic-model-refresh"] },
      status: { enum: ["queued", "running", "succeeded", "failed"] },
      subscriptionId: { type: "string", format: "uuid" },
      semanticModelId: { type: "string", format: "uuid" },
      trigger: { enum: ["api", "schedule", "console"] },
      createdAt: { type: "string", format: "date-time" },
      startedAt: { type: ["string", "null"], format: "date-time" },
      finishedAt: { type: ["string", "null"], format: "date-time" },
      attempts: { type: "integer" },
      error: { oneOf: [{ type: "null" }, { type: "object", properties: { message: { type: "string" } } }] },
      result: {
        oneOf: [
          { type: "null" },
          {
            type: "object",
            description: "subscription run",
            properties: {
              recipients: { type: "integer" },
              delivered: { type: "integer" },
              failed: { type: "integer" },
              format: { type: "string" },
              bytes: { type: "integer" },
              groups: {
                type: "integer",
                description:
                  "times the report was rendered: the distinct filter values of a per-recipient subscription, 1 otherwise",
              },
              ignored: {
                type: "object",
                description: "rows of a recipients query left out (an address listed again, no address)",
                properties: {
                  count: { type: "integer" },
                  first: {
                    type: "array",
                    description: "the first 100",
                    items: {
                      type: "object",
                      properties: {
                        email: { type: "string" },
                        filterValue: { type: ["string", "null"] },
                        reason: { type: "string" },
                      },
                    },
                  },
                },
              },
              unsubscribed: { type: "integer", description: "recipients skipped because they unsubscribed" },
              skipped: {
                type: "string",
                enum: ["no rows", "unchanged"],
                description: "the run e-mailed nobody: Only send when the report has rows / changed",
              },
            },
          },
          {
            type: "object",
            description: "refresh",
            properties: { values: { type: "integer" }, added: { type: "integer" }, removed: { type: "integer" } },
          },
        ],
      },
      progress: {
        type: "object",
        description: "only while a subscription run is running; updated a few times a second at most",
        properties: {
          rows: { type: "integer", description: "rows rendered so far" },
          recipientsSent: { type: "integer" },
          recipientsTotal: { type: "integer" },
        },
      },
    },
  },
  Subscription: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string" },
      reportId: { type: "string", format: "uuid" },
      format: { enum: ["pdf", "xlsx", "csv"] },
      schedule: subscriptionSchedule,
      status: { enum: ["active", "paused"] },
      lastRunAt: { type: ["string", "null"], format: "date-time" },
    },
  },
  SemanticModel: {
    type: "object",
    properties: {
      id: { type: "string", format: "uuid" },
      name: { type: "string" },
      refresh: schedule,
      lastRefreshedAt: { type: ["string", "null"], format: "date-time" },
      valuesCount: { type: "integer" },
    },
  },
};
