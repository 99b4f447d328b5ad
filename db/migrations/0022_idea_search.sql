-- Ideas are searchable (`kind:idea`): the full-text triggers of 0002 take posts of kind idea too.
DROP TRIGGER `posts_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `posts_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_insert` AFTER INSERT ON `posts`
WHEN new.kind IN ('article', 'question', 'answer', 'idea') AND new.status = 'published'
BEGIN
  INSERT INTO posts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_update` AFTER UPDATE OF title, body, status ON `posts`
WHEN new.kind IN ('article', 'question', 'answer', 'idea')
BEGIN
  DELETE FROM posts_fts WHERE rowid = old.id;
  INSERT INTO posts_fts(rowid, title, body) SELECT new.id, new.title, new.body WHERE new.status = 'published';
END;
