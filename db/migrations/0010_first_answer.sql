ALTER TABLE `posts` ADD `first_answer_at` integer;--> statement-breakpoint
UPDATE `posts` SET `first_answer_at` = (SELECT min(a.`created_at`) FROM `posts` a WHERE a.`parent_id` = `posts`.`id` AND a.`kind` = 'answer') WHERE `kind` = 'question';
