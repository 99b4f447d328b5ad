CREATE TABLE `community_weeks` (
	`week` text PRIMARY KEY NOT NULL,
	`weighted` real DEFAULT 0 NOT NULL,
	`contributions` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 0 NOT NULL,
	`readers` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `first_participated_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `first_asked_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `first_produced_at` integer;--> statement-breakpoint
INSERT INTO `community_weeks` (`week`, `weighted`, `contributions`, `active`, `readers`)
  SELECT `week`, sum(`weighted`), sum(`contributions`), sum(`weighted` > 0), sum(`weighted` <= 0 AND `participations` > 0) FROM `member_weeks` GROUP BY `week`;--> statement-breakpoint
UPDATE `users` SET
  `first_participated_at` = (SELECT min(`created_at`) FROM `activities` a WHERE a.`actor_id` = `users`.`id` AND a.`verb` IN ('vote', 'rsvp', 'attended')),
  `first_asked_at` = (SELECT min(`created_at`) FROM `activities` a WHERE a.`actor_id` = `users`.`id` AND a.`verb` = 'question'),
  `first_produced_at` = (SELECT min(`created_at`) FROM `activities` a WHERE a.`actor_id` = `users`.`id` AND a.`verb` IN ('answer', 'article'));
