/**
 * Renders stored HTML again after the markdown pipeline changed (`MARKDOWN_VERSION` in
 * app/utils/markdown.server.ts; docs/content.md, "Stored HTML has a version"): posts and meetup
 * descriptions rendered with an older version, a batch per job run, oldest ids first. A full batch
 * enqueues the next run at once. Only the HTML and its version change: no revision, no notification.
 */
import { and, asc, eq, lt } from "drizzle-orm";
import { events, posts } from "~db/schema";
import { renderBody, rootOf, touch } from "~/models/post-write.server";
import { db, writeTransaction } from "~/utils/db.server";
import { enqueueJob } from "~/utils/jobs.server";
import { MARKDOWN_VERSION, renderMarkdown } from "~/utils/markdown.server";
import { bumpCacheTags } from "~/utils/page-cache.server";

export const REBAKE_BATCH = 200;

/** Renders up to `limit` stale posts and meetups again; returns how many it did. */
export function rebakeBatch(limit = REBAKE_BATCH) {
  const stalePosts = db
    .select({ id: posts.id, body: posts.body })
    .from(posts)
    .where(lt(posts.htmlVersion, MARKDOWN_VERSION))
    .orderBy(asc(posts.id))
    .limit(limit)
    .all();
  for (const post of stalePosts) {
    // Rendered outside the write lock (markdown is the slow part). Written only if the body is still the one
    // rendered: an edit in between has stored its own, current HTML.
    const { bodyHtml } = renderBody(post.body);
    writeTransaction((tx) => {
      const updated = tx
        .update(posts)
        .set({ bodyHtml, htmlVersion: MARKDOWN_VERSION })
        .where(and(eq(posts.id, post.id), eq(posts.body, post.body)))
        .returning()
        .get();
      if (updated) touch(tx, rootOf(tx, updated));
    });
  }
  const staleEvents = db
    .select({ id: events.id, description: events.description })
    .from(events)
    .where(lt(events.htmlVersion, MARKDOWN_VERSION))
    .orderBy(asc(events.id))
    .limit(limit - stalePosts.length)
    .all();
  for (const event of staleEvents) {
    const descriptionHtml = renderMarkdown(event.description);
    writeTransaction((tx) => {
      tx.update(events)
        .set({ descriptionHtml, htmlVersion: MARKDOWN_VERSION })
        .where(and(eq(events.id, event.id), eq(events.description, event.description)))
        .run();
      bumpCacheTags(tx, ["events", `event:${event.id}`]);
    });
  }
  return stalePosts.length + staleEvents.length;
}

/** The job: one batch, and the next batch right away while there is more. */
export function rebake(payload: Record<string, unknown>) {
  const done = rebakeBatch();
  if (done < REBAKE_BATCH) return;
  const run = Number(payload.run ?? 0) + 1;
  writeTransaction((tx) =>
    enqueueJob(tx, {
      kind: "rebake",
      key: `rebake:${MARKDOWN_VERSION}:${payload.day ?? ""}:${run}`,
      payload: { ...payload, run },
    }),
  );
}
