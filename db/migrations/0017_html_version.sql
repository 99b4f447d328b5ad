ALTER TABLE `events` ADD `html_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `html_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `posts_html_version_idx` ON `posts` (`html_version`);