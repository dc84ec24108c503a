CREATE TYPE "public"."monthly_on" AS ENUM('day', 'last-day', 'weekday');--> statement-breakpoint
CREATE TYPE "public"."subscription_frequency" AS ENUM('manual', 'once', 'hourly', 'daily', 'weekly', 'monthly');--> statement-breakpoint
CREATE TABLE "holiday_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"dates" date[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "frequency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "frequency" SET DATA TYPE "public"."subscription_frequency" USING "frequency"::text::"public"."subscription_frequency";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "frequency" SET DEFAULT 'manual';--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "every" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "days_of_week" integer[] DEFAULT '{1}' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "monthly_on" "monthly_on" DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "week_of_month" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "once_date" date;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "start_date" date;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "end_date" date;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "holiday_calendar_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "holiday_calendars_name_idx" ON "holiday_calendars" USING btree ("name");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_holiday_calendar_id_holiday_calendars_id_fk" FOREIGN KEY ("holiday_calendar_id") REFERENCES "public"."holiday_calendars"("id") ON DELETE no action ON UPDATE no action;