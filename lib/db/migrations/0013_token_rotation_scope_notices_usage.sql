CREATE TABLE "token_notices" (
	"token_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "token_notices_token_id_key_pk" PRIMARY KEY("token_id","key")
);
--> statement-breakpoint
CREATE TABLE "token_usage_daily" (
	"token_id" uuid NOT NULL,
	"day" date NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "token_usage_daily_token_id_day_pk" PRIMARY KEY("token_id","day")
);
--> statement-breakpoint
CREATE TABLE "token_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "previous_digest" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "previous_hint" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "previous_valid_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "subscription_ids" uuid[];--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "semantic_model_ids" uuid[];--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "allowed_ips" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "token_notices" ADD CONSTRAINT "token_notices_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_usage_daily" ADD CONSTRAINT "token_usage_daily_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_uses" ADD CONSTRAINT "token_uses_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "token_uses_token_id_idx" ON "token_uses" USING btree ("token_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_previous_digest_idx" ON "api_tokens" USING btree ("previous_digest");--> statement-breakpoint
CREATE INDEX "audit_events_target_at_idx" ON "audit_events" USING btree ("target_type","target_id","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);