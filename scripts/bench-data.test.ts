/**
 * Runs the benchmark generator at a tiny size against its own temp file and checks the invariants
 * the app relies on, the way app/models/post.server.ts would have left them.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { assertWritableTarget, BENCH_PASSWORD, generateBenchData, type BenchSidecar } from "./bench-data";
import { backfillHealthRollups } from "./health-backfill";
import { backfillReputation } from "./reputation-backfill";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kring-bench-"));
const out = path.join(dir, "bench.db");
const NOW = Date.UTC(2026, 0, 15);
const OPTIONS = { members: 150, posts: 2_000, seed: 7, now: NOW, log: () => {} };
const DAY = 24 * 60 * 60 * 1000;

let result: BenchSidecar & { out: string };
let bench: Database.Database;
const value = (sql: string, ...params: unknown[]) =>
  bench
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const count = (table: string) => value(`SELECT count(*) FROM ${table}`);

/** A digest of every row the generator writes, to compare runs (argon2 salts the one password hash). */
function contentDigest(file: string) {
  const conn = new Database(file, { readonly: true });
  const hash = createHash("sha256");
  for (const table of [
    "users",
    "organisations",
    "memberships",
    "tags",
    "posts",
    "post_revisions",
    "post_tags",
    "votes",
    "activities",
    "activity_tags",
  ]) {
    for (const row of conn.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate() as Iterable<
      Record<string, unknown>
    >) {
      hash.update(JSON.stringify({ ...row, password_hash: undefined }));
    }
  }
  conn.close();
  return hash.digest("hex");
}

beforeAll(async () => {
  result = await generateBenchData({ ...OPTIONS, out });
  bench = new Database(out);
}, 60_000);

afterAll(() => {
  bench?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("bench-data", () => {
  it("writes the sidecar and the requested sizes", () => {
    const sidecar = JSON.parse(fs.readFileSync(`${out}.json`, "utf8"));
    expect(sidecar).toEqual(Object.fromEntries(Object.entries(result).filter(([k]) => k !== "out")));
    expect(result.counts).toEqual({
      users: count("users"),
      posts: count("posts"),
      votes: count("votes"),
      activities: count("activities"),
    });
    expect(result.counts.users).toBe(150);
    expect(result.counts.posts).toBe(2_000);
    expect(result.counts.votes / result.counts.posts).toBeGreaterThan(2.5);
    expect(result.counts.votes / result.counts.posts).toBeLessThan(3.5);
    expect(result.counts.activities).toBe(
      count("posts") + count("votes") + value("SELECT count(*) FROM posts WHERE accepted_answer_id IS NOT NULL"),
    );
    const share = (kind: string) => value("SELECT count(*) FROM posts WHERE kind = ?", kind) / 2_000;
    expect(share("article")).toBeCloseTo(0.08, 1);
    expect(share("question")).toBeCloseTo(0.3, 1);
    expect(share("answer")).toBeCloseTo(0.45, 1);
    expect(share("comment")).toBeCloseTo(0.17, 1);
  });

  it("leaves the schema exactly as migrated, in WAL mode, consistent", () => {
    const schema = (conn: Database.Database) =>
      conn
        .prepare(
          "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
        )
        .all();
    expect(schema(bench)).toEqual(schema(db.$client));
    expect(bench.pragma("journal_mode", { simple: true })).toBe("wal");
    // The full-text index runs with the settings it was created with (the fill's own are removed).
    const ftsConfig = (conn: Database.Database) => conn.prepare("SELECT * FROM posts_fts_config ORDER BY k").all();
    expect(ftsConfig(bench)).toEqual(ftsConfig(db.$client));
    expect(bench.pragma("foreign_key_check")).toEqual([]);
    expect(bench.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(bench.prepare("SELECT * FROM __drizzle_migrations").all()).toEqual(
      db.$client.prepare("SELECT * FROM __drizzle_migrations").all(),
    );
    // AUTOINCREMENT counters continue after the explicit ids.
    for (const table of ["users", "organisations", "tags", "posts", "post_revisions", "activities"]) {
      expect(value("SELECT seq FROM sqlite_sequence WHERE name = ?", table)).toBe(
        value(`SELECT max(id) FROM ${table}`),
      );
    }
  });

  it("keeps scores equal to the votes, which are never on comments or by the author", () => {
    expect(
      value(
        "SELECT count(*) FROM posts p WHERE p.score != (SELECT coalesce(sum(value), 0) FROM votes v WHERE v.post_id = p.id)",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id WHERE p.kind = 'comment' OR p.author_id = v.user_id",
      ),
    ).toBe(0);
    expect(value("SELECT count(*) FROM votes WHERE value NOT IN (1, -1)")).toBe(0);
    expect(value("SELECT avg(value = 1) FROM votes")).toBeGreaterThan(0.8);
    expect(
      value(
        "SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id JOIN users u ON u.id = v.user_id WHERE v.created_at < p.created_at OR v.created_at < u.created_at OR v.created_at > ?",
        NOW,
      ),
    ).toBe(0);
  });

  it("keeps answer and comment counts, and accepted answers belong to their question", () => {
    expect(
      value(
        "SELECT count(*) FROM posts p WHERE p.answer_count != (SELECT count(*) FROM posts c WHERE c.parent_id = p.id AND c.kind = 'answer')",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM posts p WHERE p.comment_count != (SELECT count(*) FROM posts c WHERE c.parent_id = p.id AND c.kind = 'comment')",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM posts WHERE kind = 'answer' AND (SELECT kind FROM posts q WHERE q.id = posts.parent_id) != 'question'",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM posts WHERE kind = 'comment' AND (SELECT kind FROM posts t WHERE t.id = posts.parent_id) NOT IN ('article', 'question', 'answer')",
      ),
    ).toBe(0);
    expect(value("SELECT count(*) FROM posts WHERE kind IN ('article', 'question') AND parent_id IS NOT NULL")).toBe(0);
    expect(value("SELECT count(*) FROM posts q WHERE q.accepted_answer_id IS NOT NULL")).toBeGreaterThan(50);
    expect(
      value(
        "SELECT count(*) FROM posts q JOIN posts a ON a.id = q.accepted_answer_id WHERE q.kind != 'question' OR a.kind != 'answer' OR a.parent_id != q.id",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM posts WHERE accepted_answer_id IS NOT NULL AND accepted_answer_id NOT IN (SELECT id FROM posts)",
      ),
    ).toBe(0);
  });

  it("orders time: nine months, replies after their parent, last activity as the app bumps it", () => {
    expect(value("SELECT min(created_at) FROM posts")).toBeGreaterThanOrEqual(NOW - 270 * DAY);
    expect(value("SELECT max(last_activity_at) FROM posts")).toBeLessThanOrEqual(NOW);
    expect(
      value(
        "SELECT count(*) FROM posts c JOIN posts p ON p.id = c.parent_id WHERE c.created_at < p.created_at OR c.id < p.id",
      ),
    ).toBe(0);
    expect(
      value("SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE p.created_at < u.created_at"),
    ).toBe(0);
    expect(value("SELECT count(*) FROM posts WHERE updated_at != created_at")).toBe(0);
    expect(
      value("SELECT count(*) FROM posts WHERE kind IN ('answer', 'comment') AND last_activity_at != created_at"),
    ).toBe(0);
    // Roots: their own creation, any answer or comment in the thread, or the acceptance.
    expect(
      value(`
        SELECT count(*) FROM posts r WHERE r.parent_id IS NULL AND r.last_activity_at != max(
          r.created_at,
          coalesce((SELECT max(c.created_at) FROM posts c LEFT JOIN posts cp ON cp.id = c.parent_id WHERE c.parent_id = r.id OR cp.parent_id = r.id), 0),
          coalesce((SELECT max(a.created_at) FROM activities a WHERE a.verb = 'answer_accepted' AND a.post_id = r.accepted_answer_id), 0))`),
    ).toBe(0);
  });

  it("counts tags and writes one revision per article, question and answer", () => {
    expect(count("tags")).toBe(500);
    expect(
      value(
        "SELECT count(*) FROM tags t WHERE t.post_count != (SELECT count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_id = t.id AND p.status = 'published')",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE p.kind NOT IN ('article', 'question')",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM posts p WHERE p.kind IN ('article', 'question') AND (SELECT count(*) FROM post_tags WHERE post_id = p.id) NOT BETWEEN 1 AND 4",
      ),
    ).toBe(0);
    // Skewed: the top tag is on far more posts than the median one.
    expect(value("SELECT max(post_count) FROM tags")).toBeGreaterThan(
      10 * value("SELECT post_count FROM tags ORDER BY post_count LIMIT 1 OFFSET 250") + 10,
    );

    expect(count("post_revisions")).toBe(value("SELECT count(*) FROM posts WHERE kind != 'comment'"));
    expect(
      value(`SELECT count(*) FROM posts p JOIN post_revisions r ON r.post_id = p.id
             WHERE r.editor_id != p.author_id OR r.title != p.title OR r.summary != p.summary OR r.body != p.body OR r.created_at != p.created_at`),
    ).toBe(0);
    const revisions = bench.prepare("SELECT r.post_id AS postId, r.tags FROM post_revisions r").all() as {
      postId: number;
      tags: string;
    }[];
    const tagsOf = bench
      .prepare("SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ? ORDER BY t.name")
      .pluck();
    for (const { postId, tags } of revisions) expect(tags ? tags.split(",").sort() : []).toEqual(tagsOf.all(postId));
  });

  it("logs every post, vote and acceptance as an activity with its root's tags", () => {
    expect(
      value(`SELECT count(*) FROM posts p WHERE (SELECT count(*) FROM activities a WHERE a.post_id = p.id AND a.verb = p.kind
               AND a.actor_id = p.author_id AND a.created_at = p.created_at AND a.value IS NULL
               AND a.target_user_id IS (SELECT author_id FROM posts pp WHERE pp.id = p.parent_id)) != 1`),
    ).toBe(0);
    expect(value("SELECT count(*) FROM activities WHERE verb IN ('article', 'question', 'answer', 'comment')")).toBe(
      count("posts"),
    );
    const votesAsActivities = `SELECT v.user_id, v.post_id, p.author_id, v.value, v.created_at FROM votes v JOIN posts p ON p.id = v.post_id`;
    const voteActivities = `SELECT actor_id, post_id, target_user_id, value, created_at FROM activities WHERE verb = 'vote'`;
    expect(value(`SELECT count(*) FROM (${votesAsActivities} EXCEPT ${voteActivities})`)).toBe(0);
    expect(value(`SELECT count(*) FROM (${voteActivities} EXCEPT ${votesAsActivities})`)).toBe(0);
    expect(value("SELECT count(*) FROM activities WHERE verb = 'vote'")).toBe(count("votes"));
    const acceptances = `SELECT a.author_id, a.id, q.author_id FROM posts q JOIN posts a ON a.id = q.accepted_answer_id`;
    const acceptedActivities = `SELECT actor_id, post_id, target_user_id FROM activities WHERE verb = 'answer_accepted' AND value IS NULL`;
    expect(value(`SELECT count(*) FROM (${acceptances} EXCEPT ${acceptedActivities})`)).toBe(0);
    expect(value(`SELECT count(*) FROM (${acceptedActivities} EXCEPT ${acceptances})`)).toBe(0);
    expect(
      value(
        "SELECT count(*) FROM activities WHERE verb NOT IN ('article', 'question', 'answer', 'comment', 'vote', 'answer_accepted')",
      ),
    ).toBe(0);
    expect(
      value("SELECT count(*) FROM activities a JOIN activities b ON b.id = a.id + 1 WHERE b.created_at < a.created_at"),
    ).toBe(0);

    const roots = `(SELECT p.id, CASE WHEN p.parent_id IS NULL THEN p.id WHEN pp.parent_id IS NULL THEN pp.id ELSE pp.parent_id END AS root_id
                    FROM posts p LEFT JOIN posts pp ON pp.id = p.parent_id)`;
    const expected = `SELECT a.id, pt.tag_id FROM activities a JOIN ${roots} r ON r.id = a.post_id JOIN post_tags pt ON pt.post_id = r.root_id`;
    expect(value(`SELECT count(*) FROM (${expected} EXCEPT SELECT activity_id, tag_id FROM activity_tags)`)).toBe(0);
    expect(value(`SELECT count(*) FROM (SELECT activity_id, tag_id FROM activity_tags EXCEPT ${expected})`)).toBe(0);
  });

  it("renders bodies exactly as the app does, with plain text of the right length", () => {
    const posts = bench.prepare("SELECT kind, title, slug, summary, body, body_html AS html FROM posts").all() as {
      kind: string;
      title: string;
      slug: string | null;
      summary: string;
      body: string;
      html: string;
    }[];
    for (const post of posts) {
      expect(post.html).toBe(renderMarkdown(post.body));
      expect(post.body).toMatch(/^[A-Za-z ,.\n]+$/);
      expect(post.body.length).toBeGreaterThanOrEqual(150);
      expect(post.body.length).toBeLessThanOrEqual(600);
      const top = post.kind === "article" || post.kind === "question";
      if (top) {
        expect(post.title.length).toBeGreaterThanOrEqual(30);
        expect(post.title.length).toBeLessThanOrEqual(90);
      } else expect(post.title).toBe("");
      expect(post.slug !== null).toBe(post.kind === "article");
      expect(post.summary !== "").toBe(post.kind === "article");
    }
  });

  it("indexes every published article, question and answer for search, and the triggers work again", () => {
    const searchable =
      "SELECT id, title, body FROM posts WHERE kind IN ('article', 'question', 'answer') AND status = 'published'";
    expect(count("posts_fts")).toBe(value(`SELECT count(*) FROM (${searchable})`));
    expect(value(`SELECT count(*) FROM (${searchable} EXCEPT SELECT rowid, title, body FROM posts_fts)`)).toBe(0);
    bench.exec("INSERT INTO posts_fts(posts_fts, rank) VALUES('integrity-check', 1)");

    const matches = (word: string) => value("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", `"${word}"`);
    expect(matches(result.rareWord)).toBe(10);
    const share = matches(result.commonWord) / count("posts_fts");
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
    // Prefix search (the app appends * to the last term) finds nothing more.
    expect(value("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", `"${result.commonWord}"*`)).toBe(
      matches(result.commonWord),
    );

    bench.exec("BEGIN");
    bench
      .prepare(
        "INSERT INTO posts (kind, author_id, title, body, body_html, created_at, updated_at, last_activity_at) VALUES ('question', 1, 'Trigger check', 'qqtriggerqq', '', 0, 0, 0)",
      )
      .run();
    expect(matches("qqtriggerqq")).toBe(1);
    bench.exec("ROLLBACK");
  });

  it("writes the reputation ledger by the app's rules: totals equal it, the daily cap holds", () => {
    expect(count("reputation_events")).toBeGreaterThan(count("votes") / 2);
    expect(
      value(
        "SELECT count(*) FROM users u WHERE reputation != (SELECT coalesce(sum(points), 0) FROM reputation_events r WHERE r.user_id = u.id)",
      ),
    ).toBe(0);
    expect(
      value(
        "SELECT max(s) FROM (SELECT sum(points) s FROM reputation_events WHERE reason = 'upvote' GROUP BY user_id, day)",
      ),
    ).toBeLessThanOrEqual(200);
    const upvotes = value("SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id WHERE v.value = 1");
    expect(value("SELECT count(*) FROM reputation_events WHERE reason = 'upvote'")).toBeLessThanOrEqual(upvotes);
    expect(value("SELECT count(*) FROM reputation_events WHERE reason = 'accepted'")).toBe(
      value(
        "SELECT count(*) FROM posts q JOIN posts a ON a.id = q.accepted_answer_id WHERE a.author_id != q.author_id",
      ),
    );
    expect(value("SELECT sum(points) FROM tag_reputation")).toBeGreaterThan(0);
  });

  it("fills the weekly health rollups from the activity log, by the app's weights", () => {
    const weighted = value(
      `SELECT sum(CASE verb WHEN 'article' THEN 3 WHEN 'answer_accepted' THEN 3 WHEN 'answer' THEN 2 WHEN 'question' THEN 1 WHEN 'comment' THEN 0.5 ELSE 0 END) FROM activities`,
    );
    expect(value("SELECT sum(weighted) FROM member_weeks")).toBeCloseTo(weighted, 5);
    expect(value("SELECT sum(participations) FROM member_weeks")).toBe(
      value("SELECT count(*) FROM activities WHERE verb = 'vote'"),
    );
    expect(value("SELECT count(*) FROM users WHERE first_contributed_at IS NOT NULL")).toBe(
      value("SELECT count(DISTINCT actor_id) FROM activities WHERE verb != 'vote'"),
    );
    expect(value("SELECT count(*) FROM tag_weeks")).toBeGreaterThan(0);
    // Each member's weeks per tag add up to the tag's weeks, and count what the log has per tag and member.
    expect(
      value(
        "SELECT count(*) FROM tag_weeks t JOIN (SELECT tag_id, week, sum(weighted) AS w, sum(contributions) AS c FROM member_tag_weeks GROUP BY 1, 2) m USING (tag_id, week) WHERE abs(t.weighted - m.w) < 1e-9 AND t.contributions = m.c",
      ),
    ).toBe(count("tag_weeks"));
    expect(value("SELECT sum(contributions) FROM member_tag_weeks")).toBe(
      value(
        "SELECT count(*) FROM activities a JOIN activity_tags t ON t.activity_id = a.id WHERE a.verb IN ('article', 'question', 'answer', 'comment', 'answer_accepted')",
      ),
    );
  });

  it("derives the ledger, rollups and first-activity columns from its plan exactly as the set-based SQL does", () => {
    // The generator computes these in memory; the SQL backfills are their definition. Rebuild them
    // with the SQL in a copy and compare every row, ids included.
    const copy = path.join(dir, "sql.db");
    fs.copyFileSync(out, copy);
    const sql = new Database(copy);
    const derived = {
      reputation_events: "*",
      tag_reputation: "*",
      member_weeks: "*",
      member_days: "*",
      member_tag_weeks: "*",
      tag_weeks: "*",
      org_weeks: "*",
      community_weeks: "*",
      reputation_months: "*",
      tag_standing_counts: "*",
      tag_standing_totals: "*",
      users: "id, reputation, first_contributed_at, first_participated_at, first_asked_at, first_produced_at",
      posts: "id, first_answer_at",
    };
    sql.exec(`
      ${Object.keys(derived)
        .filter((t) => t !== "users" && t !== "posts")
        .map((t) => `DELETE FROM ${t};`)
        .join("\n")}
      DELETE FROM sqlite_sequence WHERE name = 'reputation_events';
      -- As during the bulk load, where this index does not exist yet: the ledger's SQL then reads the
      -- votes in table order, which decides the ids of downvote rows.
      DROP INDEX votes_post_idx;
      UPDATE users SET reputation = 0, first_contributed_at = NULL, first_participated_at = NULL, first_asked_at = NULL, first_produced_at = NULL;
      UPDATE posts SET first_answer_at = NULL;
    `);
    expect(sql.prepare("SELECT count(*) FROM users WHERE first_contributed_at IS NOT NULL").pluck().get()).toBe(0);
    backfillReputation(sql);
    backfillHealthRollups(sql);
    sql.close();
    bench.exec(`ATTACH '${copy}' AS bySql`);
    try {
      for (const [table, columns] of Object.entries(derived)) {
        const rows = `SELECT rowid, ${columns} FROM`;
        expect(value(`SELECT count(*) FROM main.${table}`), table).toBe(value(`SELECT count(*) FROM bySql.${table}`));
        expect(value(`SELECT count(*) FROM (${rows} main.${table} EXCEPT ${rows} bySql.${table})`), table).toBe(0);
      }
      expect(value("SELECT count(*) FROM main.reputation_events")).toBeGreaterThan(0);
      expect(value("SELECT count(*) FROM main.member_tag_weeks")).toBeGreaterThan(0);
      expect(value("SELECT count(*) FROM main.posts WHERE first_answer_at IS NOT NULL")).toBeGreaterThan(0);
    } finally {
      bench.exec("DETACH bySql");
    }
  });

  it("writes the big keyed tables in primary-key order, so their key indexes only append while loading", () => {
    const keys = {
      votes: "user_id, post_id",
      member_weeks: "user_id, week",
      member_days: "user_id, day",
      member_tag_weeks: "tag_id, week, user_id",
      tag_reputation: "user_id, tag_id",
    };
    for (const [table, key] of Object.entries(keys)) {
      const k = (alias: string) => `(${key.replace(/(\w+)/g, `${alias}.$1`)})`;
      expect(
        value(`SELECT count(*) FROM ${table} a JOIN ${table} b ON b.rowid = a.rowid + 1 WHERE ${k("b")} < ${k("a")}`),
        table,
      ).toBe(0);
      expect(value(`SELECT max(rowid) - min(rowid) + 1 FROM ${table}`), table).toBe(count(table));
    }
  });

  it("builds the benchmark fixtures", () => {
    const question = bench.prepare("SELECT * FROM posts WHERE id = ?").get(result.questionId) as {
      kind: string;
      answer_count: number;
      accepted_answer_id: number;
    };
    expect(question.kind).toBe("question");
    expect(result.questionAnswers).toBe(30);
    expect(question.answer_count).toBe(30);
    const answers = bench
      .prepare("SELECT id, score, comment_count FROM posts WHERE parent_id = ? AND kind = 'answer'")
      .all(result.questionId) as { id: number; comment_count: number }[];
    expect(answers).toHaveLength(30);
    for (const answer of answers) {
      expect(answer.comment_count).toBeGreaterThanOrEqual(1);
      expect(value("SELECT count(*) FROM votes WHERE post_id = ?", answer.id)).toBeGreaterThanOrEqual(2);
    }
    expect(answers.map((a) => a.id)).toContain(question.accepted_answer_id);

    expect(value("SELECT count(*) FROM posts WHERE kind = 'article' AND slug = ?", result.articleSlug)).toBe(1);
    const busiest = bench
      .prepare(
        "SELECT u.handle FROM posts p JOIN users u ON u.id = p.author_id GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1",
      )
      .pluck()
      .get();
    expect(result.memberHandle).toBe(busiest);
    expect(result.tag).toBe(bench.prepare("SELECT name FROM tags ORDER BY post_count DESC, id LIMIT 1").pluck().get());
    expect(bench.prepare("SELECT role FROM users WHERE id = ?").pluck().get(result.benchUserId)).toBe("member");
  });

  it("creates members who can sign in with the shared password, in organisations", async () => {
    expect(value("SELECT count(DISTINCT lower(handle)) FROM users")).toBe(150);
    expect(value("SELECT count(DISTINCT email) FROM users")).toBe(150);
    const handles = bench.prepare("SELECT handle FROM users").pluck().all() as string[];
    for (const handle of handles) expect(handle).toMatch(/^[A-Za-z0-9_-]{3,30}$/);
    expect(value("SELECT count(DISTINCT password_hash) FROM users")).toBe(1);
    expect(
      await verifyPassword(
        bench.prepare("SELECT password_hash FROM users LIMIT 1").pluck().get() as string,
        BENCH_PASSWORD,
      ),
    ).toBe(true);
    for (const role of ["member", "expert", "lead", "admin"])
      expect(value("SELECT count(*) FROM users WHERE role = ?", role)).toBeGreaterThan(0);
    expect(value("SELECT count(*) FROM memberships") / 150).toBeGreaterThan(0.8);
    expect(
      value(`SELECT count(*) FROM memberships m JOIN organisations o ON o.id = m.org_id
             WHERE m.relation != CASE o.kind WHEN 'vendor' THEN 'employee' WHEN 'customer' THEN 'customer' ELSE 'partner' END`),
    ).toBe(0);
  });

  it("is deterministic for a seed", async () => {
    const again = path.join(dir, "again.db");
    const other = path.join(dir, "other.db");
    await generateBenchData({ ...OPTIONS, out: again });
    await generateBenchData({ ...OPTIONS, seed: 8, out: other });
    expect(contentDigest(again)).toBe(contentDigest(out));
    expect(contentDigest(other)).not.toBe(contentDigest(out));
  }, 60_000);

  it("refuses to write the app's database", async () => {
    expect(() => assertWritableTarget(process.env.DATABASE_PATH!)).toThrow(/Refusing/);
    expect(() => assertWritableTarget("./data/kring.db")).toThrow(/Refusing/);
    expect(() => assertWritableTarget(path.join(dir, "x.db"), [path.join(dir, "x.db")])).toThrow(/Refusing/);
    await expect(generateBenchData({ ...OPTIONS, out: process.env.DATABASE_PATH })).rejects.toThrow(/Refusing/);
    expect(() => assertWritableTarget(path.join(dir, "fine.db"))).not.toThrow();
  });
});
