CREATE TABLE "subscription_unsubscribes" (
	"subscription_id" uuid NOT NULL,
	"email" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_unsubscribes_subscription_id_email_pk" PRIMARY KEY("subscription_id","email")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "only_when_rows" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "only_when_changed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "notify_on_failure" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "last_delivered_digest" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "resend_recipients" text[];--> statement-breakpoint
ALTER TABLE "subscription_unsubscribes" ADD CONSTRAINT "subscription_unsubscribes_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;