import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { VersionedCache } from "~/utils/page-cache.server";

export type SearchFilters = { tag?: string; kind?: "article" | "question" | "idea"; author?: string };
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
    if (name.toLowerCase() === "kind" && (clean === "article" || clean === "question" || clean === "idea"))
      filters.kind = clean;
  }
  const terms = (words.join(" ").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  return { ...filters, terms };
}

/** Every term quoted, all required. No prefix matching: a prefix query merges many terms' lists. */
export function toFtsQuery(terms: string[]) {
  return terms.map((term) => `"${term}"`).join(" ");
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The snippet is escaped first; only our own markers become <mark>. */
export function highlight(snippet: string) {
  return escapeHtml(snippet)
    .replace(/\u0002/g, "<mark>")
    .replace(/\u0003/g, "</mark>");
}

type Row = {
  id: number;
  kind: "article" | "question" | "answer" | "idea";
  slug: string | null;
  parentId: number | null;
  title: string;
  bodyHtml: string;
  authorName: string;
  authorHandle: string;
  score: number;
  createdAt: number;
  /** Languages of the title shown (an answer's question) and of the snippet's post (docs/content-language.md). */
  titleLang: "en" | "nl" | null;
  lang: "en" | "nl" | null;
};

/**
 * bm25 over every match of a common word costs time in proportion to its matches (a hundred thousand
 * and more at 1M posts), and FTS5 cannot seek a rowid range, only walk a term's list newest first.
 * So the newest CANDIDATES matches (after filters) are ranked: a rare word is ranked over all its
 * matches, a common one among the recent posts, which is also what a visitor most likely wants.
 */
export const CANDIDATES = 1000;

/**
 * Full-text search over published articles, questions and answers, ranked by bm25 with the title
 * weighted ten times the body (see CANDIDATES). Answers show under their question's title.
 */
const recentSearches = new VersionedCache<ReturnType<typeof runSearch>>(1000);

export function searchPosts(query: ParsedQuery, options: { page: number; perPage: number }) {
  if (!query.terms.length && !hasFilters(query)) return { results: [], hasMore: false };
  // Every write that changes what search finds bumps "search"; "names" covers renamed authors.
  return recentSearches.get(JSON.stringify([query, options]), ["search", "names"], () => runSearch(query, options));
}

export const hasFilters = (query: SearchFilters) => !!(query.kind || query.author || query.tag);

function runSearch(query: ParsedQuery, { page, perPage }: { page: number; perPage: number }) {
  const offset = (page - 1) * perPage;
  if (!query.terms.length)
    return toResults(loadPublishedRows(listedIds(query, { offset, limit: perPage + 1 })), query, perPage);
  const filtered = hasFilters(query);
  // Unfiltered, ranking runs in the index alone and a few spare ids cover the answers of deleted
  // questions (still indexed) that loading the rows drops.
  const ids = filtered
    ? filteredRankedIds(query, { offset, limit: perPage + 1 })
    : rankedIds(query, { limit: offset + perPage + 11 });
  const rows = loadPublishedRows(ids).slice(filtered ? 0 : offset, (filtered ? 0 : offset) + perPage + 1);
  return toResults(rows, query, perPage);
}

function toResults(rows: Row[], query: ParsedQuery, perPage: number) {
  const results = rows.slice(0, perPage).map(({ bodyHtml, ...row }) => ({
    ...row,
    titleHtml: highlight(row.kind === "answer" ? row.title : makeSnippet(row.title, query.terms, { whole: true })),
    snippetHtml: highlight(makeSnippet(htmlToText(bodyHtml), query.terms)),
    url:
      row.kind === "article"
        ? `/articles/${row.slug}`
        : row.kind === "question"
          ? `/questions/${row.id}`
          : row.kind === "idea"
            ? `/ideas/${row.id}`
            : `/questions/${row.parentId}#post-${row.id}`,
  }));
  return { results, hasMore: rows.length > perPage };
}

/**
 * A query of filters only lists that set, newest first. Each kind walks its own ordered index
 * ((kind, status, created) or, for one author, (author, created)) and stops after the page, so the
 * cost does not grow with the number of posts; the kinds' pages are merged. Answers have no tags of
 * their own (they take their question's), so a tag lists articles and questions. docs/content.md
 */
function listedIds(query: ParsedQuery, { offset, limit }: { offset: number; limit: number }) {
  const kinds = query.kind
    ? [query.kind]
    : query.tag
      ? (["article", "question", "idea"] as const)
      : (["article", "question", "answer", "idea"] as const);
  const tag = query.tag
    ? db.get<{ id: number; postCount: number }>(
        sql`select id, post_count as postCount from tags where name = ${query.tag}`,
      )
    : undefined;
  if (query.tag && !tag) return [];
  const author = query.author
    ? db.get<{ id: number }>(sql`select id from users where lower(handle) = ${query.author}`)
    : undefined;
  if (query.author && !author) return [];
  // As on tag pages: a small tag's posts are looked up as a list, a large tag is checked per post.
  const tagFilter = !tag
    ? sql``
    : tag.postCount > 1000
      ? sql`and exists (select 1 from post_tags pt where pt.post_id = p.id and pt.tag_id = ${tag.id})`
      : sql`and p.id in (select post_id from post_tags where tag_id = ${tag.id})`;
  const authorFilter = author ? sql`and p.author_id = ${author.id}` : sql``;
  const depth = offset + limit;
  const perKind = kinds.map(
    (kind) => sql`select * from (
      select p.id, p.created_at from posts p
      where p.kind = ${kind} and p.status = 'published' ${authorFilter} ${tagFilter}
        ${kind === "answer" ? sql`and exists (select 1 from posts q where q.id = p.parent_id and q.status = 'published')` : sql``}
      order by p.created_at desc, p.id desc limit ${depth})`,
  );
  return db
    .all<{ id: number }>(
      sql`select id from (${sql.join(perKind, sql` union all `)}) order by created_at desc, id desc limit ${limit} offset ${offset}`,
    )
    .map((r) => r.id);
}

/**
 * The words of the stored, sanitised HTML: snippets read as text, never as markdown (no `##`, backticks
 * or link addresses). Block ends become spaces so words of two paragraphs do not run together.
 */
export function htmlToText(html: string) {
  return html
    .replace(
      /<\/?(p|div|h[1-6]|li|ul|ol|pre|blockquote|br|hr|tr|td|th|table|thead|tbody|img|figure|figcaption)\b[^>]*>/gi,
      " ",
    )
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)));
      return (
        ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[lower] ?? entity
      );
    })
    .replace(/\s+/g, " ")
    .trim();
}

function rankedIds(query: ParsedQuery, { limit }: { limit: number }) {
  return db
    .all<{ id: number }>(
      sql`
      select id from (
        select rowid as id, bm25(posts_fts, 10.0, 1.0) as rank from posts_fts
        where posts_fts match ${toFtsQuery(query.terms)} order by rowid desc limit ${Math.max(CANDIDATES, limit)})
      order by rank, id desc limit ${limit}`,
    )
    .map((r) => r.id);
}

function filteredRankedIds(query: ParsedQuery, { offset, limit }: { offset: number; limit: number }) {
  const kindFilter =
    query.kind === "article"
      ? sql`and p.kind = 'article'`
      : query.kind === "question"
        ? sql`and p.kind = 'question'`
        : query.kind === "idea"
          ? sql`and p.kind = 'idea'`
          : sql``;
  const authorFilter = query.author
    ? sql`and p.author_id = (select id from users where lower(handle) = ${query.author})`
    : sql``;
  const tagFilter = query.tag
    ? sql`and exists (select 1 from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = coalesce(q.id, p.id) and t.name = ${query.tag})`
    : sql``;
  return db
    .all<{ id: number }>(
      sql`
      select id from (
        select p.id, bm25(posts_fts, 10.0, 1.0) as rank
        from posts_fts join posts p on p.id = posts_fts.rowid left join posts q on q.id = p.parent_id
        where posts_fts match ${toFtsQuery(query.terms)} and p.status = 'published' and (q.id is null or q.status = 'published')
          ${kindFilter} ${authorFilter} ${tagFilter}
        order by posts_fts.rowid desc limit ${Math.max(CANDIDATES, offset + limit)})
      order by rank, id desc limit ${limit} offset ${offset}`,
    )
    .map((r) => r.id);
}

/** The rows of the given posts in the given order, without deleted ones or answers of deleted questions. */
function loadPublishedRows(ids: number[]) {
  if (!ids.length) return [];
  const byId = new Map(
    db
      .all<Row>(
        sql`${ROW_COLUMNS} where p.id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        and p.status = 'published' and (q.id is null or q.status = 'published')`,
      )
      .map((r) => [r.id, r]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const ROW_COLUMNS = sql`
  select p.id, p.kind, p.slug, p.parent_id as parentId, coalesce(q.title, p.title) as title, p.body_html as bodyHtml,
    u.name as authorName, u.handle as authorHandle, p.score, p.created_at as createdAt,
    case when q.id is null then p.lang else q.lang end as titleLang, p.lang
  from posts p
  left join posts q on q.id = p.parent_id
  join users u on u.id = p.author_id`;

const fold = (word: string) =>
  word
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

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

/**
 * Words too common to say what a question is about (English and Dutch), left out of similar-question
 * matching. Short on purpose: the ranking (bm25) already weighs common words down.
 */
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by can do does for from has have how i if in is it my no not of on or our so " +
    "that the their there this to use using was we what when where which who why will with you your " +
    "aan al als bij dat de deze die dit doe doen een en er hebben heeft het hoe ik in is je kan kun maar " +
    "met mijn naar niet of om ons op te van voor waar wat we wij wie zijn zo"
  ).split(" "),
);

/** How many words of a question's title and body take part in the match. */
const SIMILAR_TERMS = 10;
/** Newest questions matching any word that are ranked (as CANDIDATES in search). */
const SIMILAR_CANDIDATES = 500;
/** A word in at most this many posts is rare: all its questions are candidates, however old. */
const RARE_TERM = 50;
/** Newest questions with every word of the title that are candidates, however old. */
const ALL_WORDS_CANDIDATES = 50;

/**
 * The words of a draft question worth matching: letters and digits only (so nothing reaches MATCH but
 * quoted words), lower case, no stop words, no single characters, each once, the title's first.
 */
export function similarTerms(title: string, body = "") {
  const words = `${title.slice(0, 300)} ${body.slice(0, 2000)}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((w) => w.length > 1 && !STOP_WORDS.has(w)))].slice(0, SIMILAR_TERMS);
  return terms.join("").length < 3 ? [] : terms;
}

export type SimilarQuestion = { id: number; title: string; answerCount: number; accepted: boolean };

/** Published questions matching an FTS query of quoted words, newest first, with bm25 (title ten times the body). */
function rankedQuestions(match: string, limit: number) {
  return db.all<{ id: number; rank: number }>(sql`
    select p.id, bm25(posts_fts, 10.0, 1.0) as rank
    from posts_fts join posts p on p.id = posts_fts.rowid
    where posts_fts match ${match} and p.kind = 'question' and p.status = 'published'
    order by posts_fts.rowid desc limit ${limit}`);
}

const quoted = (terms: string[], joiner: string) => terms.map((term) => `"${term}"`).join(joiner);

/**
 * Up to `limit` published questions like the one being written, to avoid duplicates (docs/similar-questions.md).
 * Ranked by bm25 over the draft's words; of the 2 × limit most relevant, those with an accepted answer
 * come first. Ranking every match of a common word takes hundreds of milliseconds at 1M posts, so three
 * small pools are ranked, each one FTS query with a LIMIT: the newest questions with any of the words,
 * every question with a rare word, and the newest with all the title's words (the likeliest duplicates).
 * A pool's bm25 counts only its own words, so it never overrates a question; a question in several
 * pools keeps its best score.
 */
export function similarQuestions(
  title: string,
  body = "",
  {
    limit = 5,
    candidates = SIMILAR_CANDIDATES,
    rareTerm = RARE_TERM,
  }: { limit?: number; candidates?: number; rareTerm?: number } = {},
): SimilarQuestion[] {
  const terms = similarTerms(title, body);
  if (!terms.length) return [];
  const rare = terms.filter(
    (term) =>
      db.all(sql`select rowid from posts_fts where posts_fts match ${`"${term}"`} limit ${rareTerm + 1}`).length <=
      rareTerm,
  );
  const titleTerms = similarTerms(title);
  const pools = [
    rankedQuestions(quoted(terms, " OR "), candidates),
    rare.length ? rankedQuestions(quoted(rare, " OR "), rare.length * rareTerm) : [],
    titleTerms.length > 1 ? rankedQuestions(quoted(titleTerms, " AND "), ALL_WORDS_CANDIDATES) : [],
  ];
  const ranks = new Map<number, number>();
  for (const { id, rank } of pools.flat()) ranks.set(id, Math.min(rank, ranks.get(id) ?? rank));
  const best = [...ranks].sort((a, b) => a[1] - b[1] || b[0] - a[0]).slice(0, limit * 2);
  if (!best.length) return [];
  const rows = new Map(
    db
      .all<{ id: number; title: string; answerCount: number; acceptedAnswerId: number | null }>(
        sql`select id, title, answer_count as answerCount, accepted_answer_id as acceptedAnswerId from posts
        where id in (${sql.join(
          best.map(([id]) => sql`${id}`),
          sql`, `,
        )})`,
      )
      .map((r) => [r.id, r]),
  );
  return best
    .flatMap(([id]) => {
      const row = rows.get(id);
      return row
        ? [{ id, title: row.title, answerCount: row.answerCount, accepted: row.acceptedAnswerId !== null }]
        : [];
    })
    .sort((a, b) => Number(b.accepted) - Number(a.accepted))
    .slice(0, limit);
}
