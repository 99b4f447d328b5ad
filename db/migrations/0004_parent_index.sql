DROP INDEX `posts_parent_idx`;--> statement-breakpoint
CREATE INDEX `posts_parent_kind_status_created_idx` ON `posts` (`parent_id`,`kind`,`status`,`created_at`);