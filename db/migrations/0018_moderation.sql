CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`flagger_id` integer,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`flagger_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `flags_status_post_idx` ON `flags` (`status`,`post_id`);--> statement-breakpoint
CREATE INDEX `flags_post_idx` ON `flags` (`post_id`);--> statement-breakpoint
CREATE INDEX `flags_flagger_idx` ON `flags` (`flagger_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `flags_open_unique` ON `flags` (`post_id`,`flagger_id`) WHERE "flags"."status" = 'open' and "flags"."flagger_id" is not null;--> statement-breakpoint
ALTER TABLE `users` ADD `suspended_until` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `suspend_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `silenced_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `silenced_until` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `review_posts` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `erased_at` integer;--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject`,`created_at`);--> statement-breakpoint
-- The audit log is append-only (docs/moderation.md): no row is ever changed or removed, by the app or by hand.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
