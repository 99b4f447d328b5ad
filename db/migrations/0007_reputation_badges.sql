CREATE TABLE `member_tags` (
	`user_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tag_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_tags_tag_idx` ON `member_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `reputation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`points` integer NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`actor_id` integer,
	`post_id` integer,
	`root_id` integer,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`root_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reputation_events_user_created_idx` ON `reputation_events` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `reputation_events_user_day_idx` ON `reputation_events` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `reputation_events_source_idx` ON `reputation_events` (`source`);--> statement-breakpoint
CREATE INDEX `reputation_events_created_idx` ON `reputation_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `reputation_events_root_idx` ON `reputation_events` (`root_id`);--> statement-breakpoint
CREATE TABLE `tag_reputation` (
	`user_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`accepted_answers` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `tag_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tag_reputation_tag_points_idx` ON `tag_reputation` (`tag_id`,`points`);--> statement-breakpoint
CREATE TABLE `user_badges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`badge` text NOT NULL,
	`tag` text DEFAULT '' NOT NULL,
	`awarded_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_badges_unique` ON `user_badges` (`user_id`,`badge`,`tag`);--> statement-breakpoint
CREATE INDEX `user_badges_badge_idx` ON `user_badges` (`badge`,`tag`);--> statement-breakpoint
ALTER TABLE `users` ADD `reputation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_active_at` integer;--> statement-breakpoint
CREATE INDEX `users_reputation_idx` ON `users` (`reputation`);--> statement-breakpoint
CREATE INDEX `users_last_active_idx` ON `users` (`last_active_at`);