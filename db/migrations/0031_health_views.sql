CREATE TABLE `health_views` (
	`scope` text PRIMARY KEY NOT NULL,
	`computed_at` integer NOT NULL,
	`view` text NOT NULL
);
