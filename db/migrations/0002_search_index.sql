-- Full-text index over articles, questions and answers, kept in sync by triggers so every write path
-- (including edits, soft deletes and restores) shows in search at once.
CREATE VIRTUAL TABLE `posts_fts` USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `posts_fts_insert` AFTER INSERT ON `posts`
WHEN new.kind IN ('article', 'question', 'answer') AND new.status = 'published'
BEGIN
  INSERT INTO posts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_update` AFTER UPDATE OF title, body, status ON `posts`
WHEN new.kind IN ('article', 'question', 'answer')
BEGIN
  DELETE FROM posts_fts WHERE rowid = old.id;
  INSERT INTO posts_fts(rowid, title, body) SELECT new.id, new.title, new.body WHERE new.status = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_delete` AFTER DELETE ON `posts`
BEGIN
  DELETE FROM posts_fts WHERE rowid = old.id;
END;
