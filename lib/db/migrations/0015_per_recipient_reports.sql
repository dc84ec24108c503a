CREATE TYPE "public"."recipients_mode" AS ENUM('list', 'filter', 'query');--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "recipients_mode" "recipients_mode" DEFAULT 'list' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "recipient_filter_values" text[];--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "filter_column" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "recipients_query" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "filter_value" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_recipient_filter_values_check" CHECK ("subscriptions"."recipient_filter_values" is null or cardinality("subscriptions"."recipient_filter_values") = cardinality("subscriptions"."recipients"));