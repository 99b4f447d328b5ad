-- Calendar addresses are stored as the SHA-256 of their secret, like session ids and reset tokens
-- (docs/accounts.md). The addresses members already subscribe to keep working: their secrets are hashed
-- in place. SQLite has no SHA-256 of its own; migrateDatabase (app/utils/db.server.ts) provides sha256_hex.
ALTER TABLE `users` RENAME COLUMN "calendar_token" TO "calendar_token_hash";--> statement-breakpoint
DROP INDEX `users_calendar_token_unique`;--> statement-breakpoint
ALTER TABLE `users` ADD `calendar_token_created_at` integer;--> statement-breakpoint
UPDATE `users` SET `calendar_token_hash` = sha256_hex(`calendar_token_hash`) WHERE `calendar_token_hash` IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `users_calendar_token_hash_unique` ON `users` (`calendar_token_hash`);
