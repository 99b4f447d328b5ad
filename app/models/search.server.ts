import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

export type SearchFilters = { tag?: string; kind?: "article" | "question"; author?: string };
export type ParsedQuery = SearchFilters & { terms: string[] };

/**
 * Splits a visitor's query into filters (`tag:`, `kind:`, `author:`) and plain words. Only letters
 * and digits survive as terms and each is quoted, so FTS syntax (quotes, *, parentheses, NEAR) in
 * the input can never make the query fail.
 */
export function parseSearchQuery(raw: string): ParsedQuery {
  const filters: SearchFilters = {};
  const words: string[] = [];
  for (const token of raw.slice(0, 500).split(/\s+/)) {
    const match = /^(tag|kind|author):(.*)$/i.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const [, name, value] = match;
    const clean = value.trim().toLowerCase();
    if (name.toLowerCase() === "tag" && clean) filters.tag = clean;
    if (name.toLowerCase() === "author" && clean) filters.author = clean.replace(/^@/, "");
    if (name.toLowerCase() === "kind" && (clean === "article" || clean === "question")) filters.kind = clean;
  }
  const terms = (words.join(" ").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  return { ...filters, terms };
}

/** Every term quoted, all required. No prefix matching: a prefix query merges many terms' lists. */
export function toFtsQuery(terms: string[]) {
  return terms.map((term) => `"${term}"`).join(" ");
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The snippet is escaped first; only our own markers become <mark>. */
export function highlight(snippet: string) {
  return escapeHtml(snippet).replace(/\u0002/g, "<mark>").replace(/\u0003/g, "</mark>");
}

type Row = {
  id: number;
  kind: "article" | "question" | "answer";
  slug: string | null;
  parentId: number | null;
  title: string;
  body: string;
  authorName: string;
  authorHandle: string;
  score: number;
  createdAt: number;
};

/**
 * Ranking every match of a common word with bm25 costs time in proportion to the number of matches
 * (a hundred thousand and more at 1M posts). So ranking starts with the newest posts: FTS5 seeks a
 * rowid range cheaply, and only when the newest RANK_WINDOWS[0] posts hold too few matches is the
 * window widened, up to all posts. A rare word ends in the full window quickly; a common one is
 * ranked among recent posts, which is also what a visitor most likely wants.
 */
export const RANK_WINDOWS = [5_000, 50_000, 500_000, Infinity];

/**
 * Full-text search over published articles, questions and answers, ranked by bm25 with the title
 * weighted ten times the body (see RANK_WINDOWS). Answers show under their question's title.
 */
export function searchPosts(query: ParsedQuery, { page, perPage }: { page: number; perPage: number }) {
  if (!query.terms.length) return { results: [], hasMore: false };
  const newest = db.get<{ id: number | null }>(sql`select max(rowid) as id from posts_fts`)?.id ?? 0;
  const wanted = page * perPage + 1;
  let rows: Row[] = [];
  for (const window of RANK_WINDOWS) {
    rows = rankedMatches(query, { floor: newest - window, page, perPage });
    if (rows.length + (page - 1) * perPage >= wanted || newest - window <= 0) break;
  }
  const results = rows.slice(0, perPage).map(({ body, ...row }) => ({
    ...row,
    titleHtml: highlight(row.kind === "answer" ? row.title : makeSnippet(row.title, query.terms, { whole: true })),
    snippetHtml: highlight(makeSnippet(body, query.terms)),
    url: row.kind === "article" ? `/articles/${row.slug}` : row.kind === "question" ? `/questions/${row.id}` : `/questions/${row.parentId}#post-${row.id}`,
  }));
  return { results, hasMore: rows.length > perPage };
}

function rankedMatches(query: ParsedQuery, { floor, page, perPage }: { floor: number; page: number; perPage: number }) {
  const match = toFtsQuery(query.terms);
  const filtered = query.kind || query.author || query.tag;
  if (!filtered) {
    // Rank inside the index alone (no row lookups per candidate), then load the winners. Deleted
    // posts are not in the index; answers of a deleted question are, so a few spare ids are ranked.
    const wanted = page * perPage + 1;
    const ids = db
      .all<{ id: number }>(sql`
        select rowid as id from posts_fts where posts_fts match ${match} and rowid > ${floor}
        order by bm25(posts_fts, 10.0, 1.0), rowid desc limit ${wanted + 10}`)
      .map((r) => r.id);
    if (!ids.length) return [];
    const byId = new Map(
      db
        .all<Row>(sql`${ROW_COLUMNS} where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
          and p.status = 'published' and (q.id is null or q.status = 'published')`)
        .map((r) => [r.id, r]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []).slice((page - 1) * perPage, page * perPage + 1);
  }
  const kindFilter =
    query.kind === "article" ? sql`and p.kind = 'article'` : query.kind === "question" ? sql`and p.kind in ('question', 'answer')` : sql``;
  const authorFilter = query.author ? sql`and lower(u.handle) = ${query.author}` : sql``;
  const tagFilter = query.tag
    ? sql`and exists (select 1 from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = coalesce(q.id, p.id) and t.name = ${query.tag})`
    : sql``;
  return db.all<Row>(sql`
    ${ROW_COLUMNS} join posts_fts on posts_fts.rowid = p.id
    where posts_fts match ${match} and posts_fts.rowid > ${floor}
      and p.status = 'published' and (q.id is null or q.status = 'published')
      ${kindFilter} ${authorFilter} ${tagFilter}
    order by bm25(posts_fts, 10.0, 1.0), p.id desc
    limit ${perPage + 1} offset ${(page - 1) * perPage}
  `);
}

const ROW_COLUMNS = sql`
  select p.id, p.kind, p.slug, p.parent_id as parentId, coalesce(q.title, p.title) as title, p.body,
    u.name as authorName, u.handle as authorHandle, p.score, p.created_at as createdAt
  from posts p
  left join posts q on q.id = p.parent_id
  join users u on u.id = p.author_id`;

const fold = (word: string) => word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The words around the first match, matches between \u0002 and \u0003 (as FTS5's snippet() would;
 * built here for the page of results only, because snippet() in the ranking query runs for every
 * candidate). Matching folds case and accents like the index's tokenizer.
 */
export function makeSnippet(text: string, terms: string[], { words = 16, whole = false } = {}) {
  const wanted = new Set(terms.map(fold));
  const tokens = text.split(/\s+/).filter(Boolean);
  const first = tokens.findIndex((t) => wanted.has(fold(t)));
  const start = whole ? 0 : Math.max(0, first - 5);
  const end = whole ? tokens.length : Math.min(tokens.length, start + words);
  const marked = tokens.slice(start, end).map((t) => (wanted.has(fold(t)) ? `\u0002${t}\u0003` : t));
  return `${start > 0 ? "…" : ""}${marked.join(" ")}${end < tokens.length ? "…" : ""}`;
}
