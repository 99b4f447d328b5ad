CREATE TABLE `credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`user_badge_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`badge` text NOT NULL,
	`tag` text DEFAULT '' NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`jwt` text NOT NULL,
	FOREIGN KEY (`user_badge_id`) REFERENCES `user_badges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credentials_user_badge_unique` ON `credentials` (`user_badge_id`);--> statement-breakpoint
CREATE INDEX `credentials_user_idx` ON `credentials` (`user_id`);--> statement-breakpoint
ALTER TABLE `user_badges` ADD `taken_back_at` integer;