CREATE TABLE `question_routes` (
	`question_id` integer NOT NULL,
	`expert_id` integer NOT NULL,
	`round` integer NOT NULL,
	`score` real NOT NULL,
	`asked_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `expert_id`),
	FOREIGN KEY (`question_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `question_routes_expert_idx` ON `question_routes` (`expert_id`,`asked_at`);--> statement-breakpoint
CREATE TABLE `question_routing` (
	`question_id` integer PRIMARY KEY NOT NULL,
	`routed_at` integer NOT NULL,
	`target_minutes` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `question_routing_routed_idx` ON `question_routing` (`routed_at`);--> statement-breakpoint
ALTER TABLE `member_options` ADD `routable` integer DEFAULT true NOT NULL;