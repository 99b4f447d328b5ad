CREATE TABLE `idea_votes` (
	`idea_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`idea_id`, `user_id`),
	FOREIGN KEY (`idea_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idea_votes_user_idx` ON `idea_votes` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `idea_votes_idea_created_idx` ON `idea_votes` (`idea_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ideas` (
	`post_id` integer PRIMARY KEY NOT NULL,
	`org_id` integer NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`response` text DEFAULT '' NOT NULL,
	`response_html` text DEFAULT '' NOT NULL,
	`responder_id` integer,
	`responder_org_name` text DEFAULT '' NOT NULL,
	`responder_role` text DEFAULT '' NOT NULL,
	`responded_at` integer,
	`status_changed_at` integer,
	`merged_into_id` integer,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`merged_into_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ideas_org_status_idx` ON `ideas` (`org_id`,`status`,`votes`);--> statement-breakpoint
CREATE INDEX `ideas_status_votes_idx` ON `ideas` (`status`,`votes`);--> statement-breakpoint
CREATE INDEX `ideas_votes_idx` ON `ideas` (`votes`);