CREATE TABLE `health_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`computed_at` integer NOT NULL,
	`report` text NOT NULL
);
