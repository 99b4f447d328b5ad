CREATE TABLE `reputation_months` (
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `month`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tag_standing_counts` (
	`tag_id` integer NOT NULL,
	`points` integer NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tag_id`, `points`),
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tag_standing_totals` (
	`tag_id` integer PRIMARY KEY NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `posts_author_kind_score_idx` ON `posts` (`author_id`,`kind`,`status`,`score`,`created_at`);--> statement-breakpoint
INSERT INTO `reputation_months` (`user_id`, `month`, `points`)
  SELECT `user_id`, strftime('%Y-%m', `created_at` / 1000, 'unixepoch'), sum(`points`) FROM `reputation_events` GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO `tag_standing_counts` (`tag_id`, `points`, `members`)
  SELECT `tag_id`, `points`, count(*) FROM `tag_reputation` WHERE `points` > 0 GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO `tag_standing_totals` (`tag_id`, `members`)
  SELECT `tag_id`, count(*) FROM `tag_reputation` WHERE `points` > 0 GROUP BY 1;