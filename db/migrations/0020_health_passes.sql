CREATE TABLE `health_member_passes` (
	`day` text PRIMARY KEY NOT NULL,
	`judged` integer NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `health_member_verdicts` (
	`day` text NOT NULL,
	`user_id` integer NOT NULL,
	`verdict` text NOT NULL,
	PRIMARY KEY(`day`, `user_id`),
	FOREIGN KEY (`day`) REFERENCES `health_member_passes`(`day`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `health_weekly` (
	`week` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`week`, `kind`)
);
--> statement-breakpoint
DROP INDEX `posts_kind_status_created_idx`;--> statement-breakpoint
CREATE INDEX `posts_kind_status_created_idx` ON `posts` (`kind`,`status`,`created_at`,`first_answer_at`);