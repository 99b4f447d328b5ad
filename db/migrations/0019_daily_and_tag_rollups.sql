CREATE TABLE `member_days` (
	`user_id` integer NOT NULL,
	`day` text NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	`participations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_days_day_idx` ON `member_days` (`day`);--> statement-breakpoint
CREATE TABLE `member_tag_weeks` (
	`tag_id` integer NOT NULL,
	`week` text NOT NULL,
	`user_id` integer NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tag_id`, `week`, `user_id`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_tag_weeks_week_idx` ON `member_tag_weeks` (`week`);