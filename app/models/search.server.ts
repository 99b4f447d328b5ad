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

export function toFtsQuery(terms: string[]) {
  return terms.map((term, i) => `"${term}"${i === terms.length - 1 ? "*" : ""}`).join(" ");
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
  snippet: string;
  titleMarked: string;
  authorName: string;
  authorHandle: string;
  score: number;
  createdAt: number;
};

/**
 * Full-text search over published articles, questions and answers, ranked by bm25 with the title
 * weighted ten times the body. Answers show under their question's title.
 */
export function searchPosts(query: ParsedQuery, { page, perPage }: { page: number; perPage: number }) {
  if (!query.terms.length) return { results: [], hasMore: false };
  const kindFilter =
    query.kind === "article" ? sql`and p.kind = 'article'` : query.kind === "question" ? sql`and p.kind in ('question', 'answer')` : sql``;
  const authorFilter = query.author ? sql`and lower(u.handle) = ${query.author}` : sql``;
  const tagFilter = query.tag
    ? sql`and exists (select 1 from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = coalesce(q.id, p.id) and t.name = ${query.tag})`
    : sql``;
  const rows = db.all<Row>(sql`
    select p.id, p.kind, p.slug, p.parent_id as parentId, coalesce(q.title, p.title) as title,
      snippet(posts_fts, 1, char(2), char(3), '…', 16) as snippet,
      case when q.id is null then highlight(posts_fts, 0, char(2), char(3)) else q.title end as titleMarked,
      u.name as authorName, u.handle as authorHandle, p.score, p.created_at as createdAt
    from posts_fts
    join posts p on p.id = posts_fts.rowid
    left join posts q on q.id = p.parent_id
    join users u on u.id = p.author_id
    where posts_fts match ${toFtsQuery(query.terms)}
      and p.status = 'published' and (q.id is null or q.status = 'published')
      ${kindFilter} ${authorFilter} ${tagFilter}
    order by bm25(posts_fts, 10.0, 1.0), p.id desc
    limit ${perPage + 1} offset ${(page - 1) * perPage}
  `);
  const results = rows.slice(0, perPage).map(({ snippet, titleMarked, ...row }) => ({
    ...row,
    titleHtml: highlight(titleMarked),
    snippetHtml: highlight(snippet),
    url: row.kind === "article" ? `/articles/${row.slug}` : row.kind === "question" ? `/questions/${row.id}` : `/questions/${row.parentId}#post-${row.id}`,
  }));
  return { results, hasMore: rows.length > perPage };
}
