CREATE TABLE `health_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `health_actions_user_idx` ON `health_actions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `member_weeks` (
	`user_id` integer NOT NULL,
	`week` text NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	`participations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `week`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_weeks_week_idx` ON `member_weeks` (`week`,`weighted`);--> statement-breakpoint
CREATE TABLE `org_weeks` (
	`org_id` integer NOT NULL,
	`week` text NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`org_id`, `week`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `org_weeks_week_idx` ON `org_weeks` (`week`);--> statement-breakpoint
CREATE TABLE `tag_weeks` (
	`tag_id` integer NOT NULL,
	`week` text NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tag_id`, `week`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tag_weeks_week_idx` ON `tag_weeks` (`week`);--> statement-breakpoint
ALTER TABLE `users` ADD `first_contributed_at` integer;