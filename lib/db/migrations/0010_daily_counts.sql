CREATE TABLE "delivery_daily_counts" (
	"day" date NOT NULL,
	"status" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "delivery_daily_counts_day_status_pk" PRIMARY KEY("day","status")
);
--> statement-breakpoint
CREATE TABLE "run_daily_counts" (
	"day" date NOT NULL,
	"kind" "run_kind" NOT NULL,
	"status" "run_status" NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "run_daily_counts_day_kind_status_pk" PRIMARY KEY("day","kind","status")
);
--> statement-breakpoint
CREATE INDEX "runs_failed_idx" ON "runs" USING btree ("finished_at" DESC NULLS FIRST) WHERE status = 'failed';