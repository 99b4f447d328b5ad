CREATE TABLE `introductions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_id` integer NOT NULL,
	`to_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`from_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `introductions_pair_idx` ON `introductions` (`from_id`,`to_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `introductions_to_idx` ON `introductions` (`to_id`);--> statement-breakpoint
CREATE INDEX `introductions_created_idx` ON `introductions` (`created_at`);--> statement-breakpoint
CREATE TABLE `member_matches` (
	`user_id` integer NOT NULL,
	`other_id` integer NOT NULL,
	`rank` integer NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `other_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_matches_other_idx` ON `member_matches` (`other_id`);