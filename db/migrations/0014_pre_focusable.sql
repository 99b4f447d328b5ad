-- Code blocks stored before the renderer made them focusable (app/utils/markdown.server.ts): a keyboard
-- must be able to scroll a wide one on a phone. Sanitised HTML writes a bare `<pre>`, so one replace does it;
-- meetup descriptions come from the same renderer.
UPDATE `posts` SET `body_html` = replace(`body_html`, '<pre>', '<pre tabindex="0">') WHERE `body_html` LIKE '%<pre>%';
--> statement-breakpoint
UPDATE `events` SET `description_html` = replace(`description_html`, '<pre>', '<pre tabindex="0">') WHERE `description_html` LIKE '%<pre>%';
