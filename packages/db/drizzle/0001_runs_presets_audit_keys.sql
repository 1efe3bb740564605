CREATE TYPE "public"."api_key_role" AS ENUM('trader', 'admin');--> statement-breakpoint
CREATE TYPE "public"."run_kind" AS ENUM('run', 'walkforward', 'portfolio', 'optimize');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" "api_key_role" NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"run_id" text,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "presets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"procedure" text NOT NULL,
	"request" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"owner" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "run_kind" NOT NULL,
	"status" "run_status" NOT NULL,
	"mock" boolean DEFAULT false NOT NULL,
	"request" jsonb NOT NULL,
	"summary" jsonb,
	"result" jsonb,
	"error" text,
	"error_code" text,
	"progress" jsonb,
	"actor" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"heartbeat_at" bigint
);
--> statement-breakpoint
CREATE INDEX "audit_events_created_idx" ON "audit_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_events_event_idx" ON "audit_events" USING btree ("event");--> statement-breakpoint
CREATE UNIQUE INDEX "presets_name_version_idx" ON "presets" USING btree ("name","version");--> statement-breakpoint
CREATE INDEX "runs_status_created_idx" ON "runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "runs" USING btree ("created_at");