/**
 * Builds a benchmark database at community scale: members, organisations, nine months of articles,
 * questions, answers, comments, votes and the activity log, with every cached counter and index the
 * app keeps (scores, answer/comment counts, tag counts, revisions, activity tags, full-text index).
 *
 *   npx tsx scripts/bench-data.ts --size small|large [--members N] [--posts N] [--seed N] [--out path] [--now ms|ISO]
 *
 * Deterministic: the same seed, sizes and `--now` give the same rows (`--now` defaults to the start
 * of the current UTC day, so runs on one day agree), except the shared password hash, which the
 * app's argon2 salts randomly. Every member's password is "bench-password-1". Writes `<out>` and a sidecar `<out>.json`
 * naming the fixtures the benchmark visits. It never writes to the demo database.
 *
 * The app writes posts one transaction at a time through app/models/post.server.ts; at a million
 * posts that would take hours, so this script plans the whole community in typed arrays first (so
 * every derived value is known before its row is written) and then streams each table once with
 * multi-row prepared INSERTs in large transactions. The invariants are those of post.server.ts.
 * The reputation ledger, the health rollups and the members' first-activity columns are computed
 * from the plan too (scripts/bench-rollups.ts; the SQL backfills next to it are their definition,
 * and the test compares), and every table is written in its primary key's order where the content
 * allows (votes by voter, rollups by member or tag), so its key index only ever appends.
 * During the load the full-text triggers and most secondary indexes are dropped; both are rebuilt
 * at the end from the migrations' own SQL, so the schema ends up exactly as migrated. The file is
 * written without journal or fsync (a failed run is simply re-run) and ends in WAL mode.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type Database from "better-sqlite3";
import {
  ANSWER,
  ARTICLE,
  COMMENT,
  groupBy,
  memberMilestones,
  planReputation,
  POST_KINDS,
  QUESTION,
  writeHealthRollups,
  writeReputation,
  type ActivityLog,
  type Ledger,
  type Sink,
} from "./bench-rollups";
import { fillReputationRollups } from "./reputation-backfill";
import { DAY_MS } from "~/utils/time";

// ---- options ----

/** Votes per post: at the large size about 3.9M votes, so the activity log has 5M rows (issue 17's scale). */
export const SIZES = {
  small: { members: 1_000, posts: 10_000, votesPerPost: 3 },
  large: { members: 100_000, posts: 1_000_000, votesPerPost: 3.92 },
} as const;
export type Size = keyof typeof SIZES;

export type BenchOptions = {
  size?: Size;
  members?: number;
  posts?: number;
  seed?: number;
  out?: string;
  /** The moment "now" for all timestamps (ms). Defaults to the start of the current UTC day. */
  now?: number;
  /** Extra paths that must never be written (the CLI passes the original DATABASE_PATH). */
  protect?: (string | undefined)[];
  log?: (line: string) => void;
};

export type BenchSidecar = {
  questionId: number;
  questionAnswers: number;
  articleSlug: string;
  memberHandle: string;
  tag: string;
  commonWord: string;
  rareWord: string;
  benchUserId: number;
  counts: { users: number; posts: number; votes: number; activities: number };
  seconds: number;
  rowsPerSecond: number;
  seed: number;
  now: number;
  rows: number;
  bytes: number;
};

export const BENCH_PASSWORD = "bench-password-1";
export const COMMON_WORD = "pipeline";
export const RARE_WORD = "zeldzaamheid";
const BENCH_ANSWERS = 30;
const RARE_POSTS = 10;
const COMMON_SHARE = 0.15;

const DAY = DAY_MS;
const WINDOW = 270 * DAY; // the last nine months
const ROWS_PER_TRANSACTION = 50_000;

// Kinds are numbered in plans (ARTICLE … COMMENT); POST_KINDS are what the posts table and activity verbs hold.

// ---- deterministic randomness ----

/** mulberry32: tiny, fast and good enough for synthetic data (same generator as test/factories.ts). */
function createRng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof createRng>;

/** Exponentially distributed delay with the given mean (ms). */
const expDelay = (rng: Rng, mean: number) => -Math.log(1 - rng()) * mean;

/**
 * Zipf-like sampling in O(1): a lookup table where rank k fills a share of slots proportional to
 * 1/(k+1)^s. Word and tag picks run tens of millions of times, so no binary search per pick.
 */
function zipfTable(n: number, s: number, slots = 1 << 20) {
  const weights = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) total += weights[k] = 1 / Math.pow(k + 1, s);
  const table = new Uint16Array(slots);
  let k = 0;
  let cumulative = weights[0] / total;
  for (let i = 0; i < slots; i++) {
    while ((i + 0.5) / slots > cumulative && k < n - 1) cumulative += weights[++k] / total;
    table[i] = k;
  }
  return (rng: Rng) => table[(rng() * slots) | 0];
}

// ---- vocabulary ----

// Frequent glue words first: the vocabulary is ranked, so these become the most common tokens.
const GLUE_WORDS =
  "the and of to in a is that for it with as on be we this are or by at from not but can you de het een van en in op met voor dat niet is ook bij naar".split(
    " ",
  );
const REAL_WORDS = (
  "data query dashboard report server index table column schema model migration backup export import " +
  "connector warehouse latency throughput cache session login permission role team customer partner " +
  "release update version upgrade config setting error warning timeout retry queue batch stream " +
  "job schedule trigger event metric chart filter join view record field value source target " +
  "storage cluster node memory disk network firewall certificate token secret audit log trace " +
  "support ticket question answer article comment feedback roadmap feature request bug fix patch " +
  "performance security governance quality lineage catalog owner steward policy compliance privacy " +
  "gegevens rapport tabel kolom koppeling beheer planning voorraad klant zorg gemeente afdeling " +
  "medewerker overzicht melding fout oplossing vraag antwoord omgeving server inloggen rechten " +
  "testomgeving productie acceptatie wijziging versie nachtelijke verwerking bestand map"
).split(" ");
const ONSETS = [
  "b",
  "d",
  "f",
  "g",
  "h",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "t",
  "v",
  "w",
  "z",
  "br",
  "dr",
  "gr",
  "kr",
  "pl",
  "sl",
  "st",
  "tr",
  "sch",
  "ch",
  "bl",
  "fr",
  "sp",
  "kl",
];
const VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ij", "ou", "ui", "ie", "eu", "au"];
const CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "k", "m", "nd", "rt", "st", "ng", "ft"];

/** Words that must only appear where this script puts them, or the search fixtures would drift. */
const reserved = (word: string) => word.startsWith(COMMON_WORD) || word.startsWith(RARE_WORD) || word.startsWith("www");

function pseudoWord(rng: Rng) {
  const syllables = 1 + Math.floor(rng() * 3);
  let word = "";
  for (let i = 0; i < syllables; i++) {
    word += ONSETS[Math.floor(rng() * ONSETS.length)] + VOWELS[Math.floor(rng() * VOWELS.length)];
    if (i === syllables - 1 || rng() < 0.4) word += CODAS[Math.floor(rng() * CODAS.length)];
  }
  return word;
}

/**
 * Plain-text writer. Output is only lower-case ASCII words, spaces, commas and full stops, so the
 * markdown renderer turns each paragraph into exactly `<p>text</p>\n` (checked in the test).
 */
class TextWriter {
  readonly words: string[];
  private readonly pick: (rng: Rng) => number;
  private readonly capitalised: string[];

  constructor(private readonly rng: Rng) {
    const seen = new Set<string>([...GLUE_WORDS, ...REAL_WORDS]);
    const pseudo: string[] = [];
    while (pseudo.length < 2_000) {
      const word = pseudoWord(rng);
      if (word.length < 3 || word.length > 12 || seen.has(word) || reserved(word)) continue;
      seen.add(word);
      pseudo.push(word);
    }
    // Real words are spread through the ranks so some are frequent and some rare, like pseudo-words.
    const content = [...pseudo];
    for (const word of REAL_WORDS) content.splice(Math.floor(rng() * content.length), 0, word);
    this.words = [...new Set([...GLUE_WORDS, ...content])];
    this.capitalised = this.words.map((w) => w[0].toUpperCase() + w.slice(1));
    this.pick = zipfTable(this.words.length, 1.0);
  }

  /** A content word for titles: re-roll glue words most of the time so titles read like titles. */
  private titleWord() {
    let k = this.pick(this.rng);
    if (k < GLUE_WORDS.length && this.rng() < 0.8) k = this.pick(this.rng);
    return k;
  }

  /** 30–90 characters of title; questions end with a question mark. */
  title(question: boolean) {
    const target = 30 + Math.floor(this.rng() * 55);
    let title = this.capitalised[this.titleWord()];
    while (title.length < target) title += " " + this.words[this.titleWord()];
    if (title.length > 89) title = title.slice(0, title.lastIndexOf(" ", 89));
    while (title.length < 30) title += " " + this.words[this.titleWord()];
    return question ? title + "?" : title;
  }

  /**
   * Sentences of 5–14 words until the paragraph reaches `target` characters (the sentence in
   * progress is then closed). `forced` words take the 3rd and 5th word slots, which is how the
   * search fixtures get in.
   */
  paragraph(target: number, forced: readonly string[] = []) {
    const rng = this.rng;
    let text = "";
    let inSentence = 0;
    let sentenceLength = 0;
    for (let position = 0; text.length < target || position < 5; position++) {
      const slot = position === 2 ? 0 : position === 4 ? 1 : -1;
      let word: string;
      if (slot >= 0 && slot < forced.length)
        word = inSentence === 0 ? forced[slot][0].toUpperCase() + forced[slot].slice(1) : forced[slot];
      else {
        const k = this.pick(rng);
        word = inSentence === 0 ? this.capitalised[k] : this.words[k];
      }
      if (inSentence === 0) sentenceLength = 5 + Math.floor(rng() * 10);
      text += text ? " " + word : word;
      if (++inSentence >= sentenceLength) {
        text += ".";
        inSentence = 0;
      } else if (rng() < 0.06) text += ",";
    }
    if (text.endsWith(",")) text = text.slice(0, -1);
    return text.endsWith(".") ? text : text + ".";
  }

  /** 150–600 characters in up to `maxParagraphs` paragraphs. */
  paragraphs(maxParagraphs: number, forced: readonly string[]) {
    const total = 150 + Math.floor(this.rng() * 390);
    const count = Math.max(1, Math.min(1 + Math.floor(this.rng() * maxParagraphs), Math.floor(total / 120)));
    const target = Math.ceil(total / count);
    const result: string[] = [];
    for (let i = 0; i < count; i++) result.push(this.paragraph(target, i === 0 ? forced : []));
    return result;
  }

  /** One sentence of 60–200 characters, for article summaries and bios. */
  sentence(min = 60, max = 200) {
    let text = this.paragraph(min + Math.floor(this.rng() * (max - min - 40)));
    if (text.length > max) text = text.slice(0, text.lastIndexOf(" ", max - 1)) + ".";
    return text;
  }
}

/** What the app's renderer (marked + sanitize-html) produces for plain-text paragraphs. */
const paragraphsHtml = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>\n`).join("");

// ---- names ----

const FIRST_NAMES =
  "Daan Emma Lotte Bram Julia Sem Fleur Thijs Noor Ruben Lieke Jeroen Femke Koen Marloes Wouter Eline Joris Inge Maarten Sofie Wim Hanne Jasper Charlotte Oliver Grace Henry Amelia James Priya Samir Yasmina Mehmet Elif Lucas Nina Arjen Kim Stijn Anouk Pieter Sanne Tom Luuk Mila Finn Tess Milan Zoe Levi Sara Jesse Evi Lars Roos Hugo Isa Max Vera".split(
    " ",
  );
const LAST_NAMES = [
  "de Jong",
  "Jansen",
  "van den Berg",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Dijk",
  "Willems",
  "Claes",
  "Maes",
  "Wouters",
  "Goossens",
  "Van Damme",
  "De Smet",
  "Taylor",
  "Walker",
  "Hughes",
  "Patel",
  "Khan",
  "Yilmaz",
  "El Amrani",
  "Verhoeven",
  "Dekker",
  "Kuipers",
  "Bakker",
  "de Vries",
  "van Leeuwen",
  "Brouwer",
  "de Graaf",
  "Jacobs",
  "Peeters",
  "Janssens",
  "Mertens",
  "Dubois",
  "Lambert",
  "Smith",
  "Jones",
  "Evans",
  "Wright",
  "Baker",
  "Koster",
  "Prins",
  "Blom",
  "Huisman",
];
const CITIES = [
  "Amsterdam",
  "Utrecht",
  "Rotterdam",
  "Eindhoven",
  "Tilburg",
  "Den Haag",
  "Groningen",
  "Antwerpen",
  "Gent",
  "Brugge",
  "Leuven",
  "London",
  "Zwolle",
  "Arnhem",
];
const HEADLINES = [
  "Support engineer",
  "Product manager",
  "Solutions architect",
  "Data engineer",
  "BI-analist",
  "Data analyst",
  "Applicatiebeheerder",
  "Head of reporting",
  "Informatiemanager",
  "IT coordinator",
  "Implementatieconsultant",
  "Trainer",
  "Integration specialist",
  "BI consultant",
  "Architect",
  "",
];
const ORG_SUFFIXES = [
  "Data",
  "Logistiek",
  "Zorggroep",
  "Systems",
  "Consulting",
  "Analytics",
  "Insurance",
  "Energie",
  "Bouw",
  "Retail",
  "Finance",
  "Labs",
];
const REAL_TAGS =
  "sql pipelines dashboards api security performance migrations connectors etl python postgres sqlite kafka dbt airflow spark power-bi excel reporting governance data-quality lineage permissions sso saml oauth backup monitoring alerts scheduling upgrades installation docker kubernetes azure aws gcp networking licensing pricing onboarding training webhooks rest graphql csv json parquet caching indexing replication audit gdpr privacy exports imports".split(
    " ",
  );

const slugPart = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

// ---- plans: the whole community in typed arrays, before any row is written ----

type UserPlan = ReturnType<typeof planUsers>;

/**
 * Members join over twelve months: a fifth before the nine-month window (so the first posts have
 * authors), the rest during it. Ids follow join order, so "members who had joined by t" is a prefix.
 */
function planUsers(count: number, rng: Rng, now: number) {
  const start = now - WINDOW;
  const createdAt = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u = (i + rng()) / count;
    createdAt[i] = Math.floor(
      u < 0.2 ? start - 90 * DAY + (u / 0.2) * 90 * DAY : start + Math.pow((u - 0.2) / 0.8, 0.8) * (WINDOW - DAY),
    );
  }
  // Role codes index ROLE_NAMES. ~5% experts; a few leads and admins at random positions.
  const role = new Uint8Array(count);
  for (let i = 0; i < count; i++) if (rng() < 0.05) role[i] = 1;
  const leads = Math.max(2, Math.round(count / 5_000));
  const admins = Math.max(1, Math.round(count / 20_000));
  for (let i = 0; i < leads; i++) role[Math.floor(rng() * count)] = 2;
  for (let i = 0; i < admins; i++) role[Math.floor(rng() * count)] = 3;

  /** How many members had joined by time t (binary search over sorted join times). */
  const joinedBy = (t: number) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (createdAt[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(1, lo);
  };
  return { count, createdAt, role, joinedBy };
}
const ROLE_NAMES = ["member", "expert", "lead", "admin"] as const;

/** Active members post much more than most: index ~ joined × r², so early joiners are the regulars. */
const pickAuthor = (rng: Rng, joined: number) => 1 + Math.floor(joined * rng() * rng());

type PostPlan = ReturnType<typeof planPosts>;

/**
 * Kinds, parents, authors, times and tags of every post. Posts are generated in time order, so ids
 * ascend with created_at as they do in the app, and a reply's parent is always an earlier post.
 */
function planPosts(n: number, users: UserPlan, tagCount: number, rng: Rng, now: number) {
  const start = now - WINDOW;
  const end = now - 10 * 60 * 1000;
  const kind = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const author = new Int32Array(n);
  const created = new Float64Array(n);
  // Questions and commentable posts (articles, questions, answers) in time order, for parent picks.
  const questions = new Int32Array(n);
  const commentable = new Int32Array(n);
  let questionCount = 0;
  let commentableCount = 0;
  // The benchmark question: the first question a third into the window; random answers skip it.
  const benchTime = start + WINDOW / 3;
  let benchQuestion = -1;

  /** The latest entry of `list` created at or before t (the one a reply to "something from t" hits). */
  const latestBefore = (list: Int32Array, size: number, t: number) => {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (created[list[mid]] <= t) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  };
  /** Mostly recent posts get replies (exponential delay), with a long tail of old threads. */
  const pickParent = (list: Int32Array, size: number, t: number, meanDelay: number) =>
    rng() < 0.1 ? Math.floor(rng() * size) : latestBefore(list, size, t - expDelay(rng, meanDelay));

  let joined = 0;
  for (let i = 0; i < n; i++) {
    // Communities grow: the u^0.8 curve puts more posts in recent months.
    const t = Math.floor(start + Math.pow((i + rng()) / n, 0.8) * (end - start));
    created[i] = t;
    while (joined < users.count && users.createdAt[joined] <= t) joined++;
    author[i] = pickAuthor(rng, Math.max(1, joined));

    const r = rng();
    let k = r < 0.08 ? ARTICLE : r < 0.38 ? QUESTION : r < 0.83 ? ANSWER : COMMENT;
    if (k === ANSWER) {
      let at = pickParent(questions, questionCount, t, 2 * DAY);
      if (questionCount && questions[at] === benchQuestion) at = at > 0 ? at - 1 : at + 1 < questionCount ? at + 1 : -1;
      if (!questionCount || at < 0) k = QUESTION;
      else {
        parent[i] = questions[at];
        // People rarely answer their own question; re-pick once so accepted answers credit someone else.
        if (author[i] === author[parent[i]]) author[i] = pickAuthor(rng, Math.max(1, joined));
      }
    } else if (k === COMMENT) {
      if (!commentableCount) k = QUESTION;
      else parent[i] = commentable[pickParent(commentable, commentableCount, t, DAY)];
    }
    kind[i] = k;
    if (k === QUESTION) {
      if (benchQuestion < 0 && t >= benchTime) benchQuestion = i;
      questions[questionCount++] = i;
    }
    if (k !== COMMENT) commentable[commentableCount++] = i;
  }
  if (benchQuestion < 0) throw new Error("Too few posts for the benchmark question; use --posts 1000 or more.");

  // 1–4 distinct tags per article or question, Zipf-distributed over the tag list.
  const pickTag = zipfTable(tagCount, 1.1, 1 << 16);
  const tagStart = new Int32Array(n + 1);
  const tagIds = new Uint16Array(n * 4);
  let tagTotal = 0;
  for (let i = 0; i < n; i++) {
    tagStart[i] = tagTotal;
    if (kind[i] !== ARTICLE && kind[i] !== QUESTION) continue;
    const r = rng();
    const want = r < 0.3 ? 1 : r < 0.7 ? 2 : r < 0.9 ? 3 : 4;
    while (tagTotal - tagStart[i] < want) {
      const tag = pickTag(rng) + 1;
      let duplicate = false;
      for (let j = tagStart[i]; j < tagTotal; j++) if (tagIds[j] === tag) duplicate = true;
      if (!duplicate) tagIds[tagTotal++] = tag;
    }
  }
  tagStart[n] = tagTotal;

  return {
    n,
    kind,
    parent,
    author,
    created,
    benchQuestion,
    benchAnswers: new Int32Array(0),
    tagStart,
    tagIds,
    start,
    now,
  };
}

/**
 * The benchmark question gets exactly 30 answers, spread over its first week or so, each with 1–3
 * comments: answers (and comments) created after it are moved onto it. Counts are derived later,
 * so moving replies between parents keeps every invariant.
 */
function planBenchThread(plan: PostPlan, users: UserPlan, rng: Rng) {
  const { n, kind, parent, author, created, benchQuestion } = plan;
  const later: number[] = [];
  for (let i = benchQuestion + 1; i < n && later.length < 50_000; i++) if (kind[i] === ANSWER) later.push(i);
  if (later.length < BENCH_ANSWERS) throw new Error("Too few answers after the benchmark question; use more --posts.");
  const answersPerDay = later.length / Math.max(1, (created[later[later.length - 1]] - created[benchQuestion]) / DAY);
  const window = Math.min(later.length, Math.max(BENCH_ANSWERS, Math.round(answersPerDay * 7)));
  const benchAnswers = new Int32Array(BENCH_ANSWERS);
  for (let j = 0; j < BENCH_ANSWERS; j++) {
    const a = later[Math.floor((j * window) / BENCH_ANSWERS)];
    benchAnswers[j] = a;
    parent[a] = benchQuestion;
    while (author[a] === author[benchQuestion]) author[a] = pickAuthor(rng, users.joinedBy(created[a]));
  }
  // Comments for each bench answer, taken from the next comments after it not already moved.
  const moved = new Set<number>();
  for (const a of benchAnswers) {
    let want = 1 + Math.floor(rng() * 3);
    for (let c = a + 1; c < n && want > 0; c++) {
      if (kind[c] !== COMMENT || moved.has(c) || benchAnswers.includes(parent[c])) continue;
      parent[c] = a;
      moved.add(c);
      want--;
    }
  }
  plan.benchAnswers = benchAnswers;
}

type Derived = ReturnType<typeof derive>;

/**
 * Everything the app caches or decides after a post exists: root post (whose tags replies take),
 * answer and comment counts, accepted answers, and last activity (answers, comments on the thread
 * and acceptances bump the root, as createAnswer/createComment/acceptAnswer do).
 */
function derive(plan: PostPlan, rng: Rng) {
  const { n, kind, parent, created, benchQuestion, benchAnswers, now } = plan;
  const root = new Int32Array(n);
  const answerCount = new Int32Array(n);
  const commentCount = new Int32Array(n);
  const lastActivity = Float64Array.from(created);
  const accepted = new Int32Array(n).fill(-1);
  const acceptedAt = new Float64Array(n);
  const firstAnswerAt = new Float64Array(n).fill(NaN); // posts.first_answer_at of questions

  // One uniformly chosen answer per question, by reservoir sampling in a single pass.
  const candidate = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    root[i] = p < 0 ? i : root[p];
    if (kind[i] === ANSWER) {
      if (rng() * ++answerCount[p] < 1) candidate[p] = i;
      if (!(created[i] >= firstAnswerAt[p])) firstAnswerAt[p] = created[i];
    } else if (kind[i] === COMMENT) commentCount[p]++;
    if (p >= 0 && created[i] > lastActivity[root[i]]) lastActivity[root[i]] = created[i];
  }
  candidate[benchQuestion] = benchAnswers[Math.floor(rng() * benchAnswers.length)];
  let acceptedCount = 0;
  for (let q = 0; q < n; q++) {
    if (kind[q] !== QUESTION || candidate[q] < 0 || (q !== benchQuestion && rng() >= 0.4)) continue;
    const a = candidate[q];
    accepted[q] = a;
    acceptedAt[q] = Math.floor(Math.min(now, created[a] + expDelay(rng, DAY)));
    if (acceptedAt[q] > lastActivity[q]) lastActivity[q] = acceptedAt[q];
    acceptedCount++;
  }
  return { root, answerCount, commentCount, lastActivity, accepted, acceptedAt, acceptedCount, firstAnswerAt };
}

type VotePlan = ReturnType<typeof planVotes>;

/**
 * About `votesPerPost` votes per post (SIZES) on articles, questions and answers (never comments), each by a distinct
 * member other than the author who had joined by then; mostly +1. Scores are their sums.
 */
function planVotes(plan: PostPlan, users: UserPlan, rng: Rng, target: number) {
  const { n, kind, author, created, benchAnswers, now } = plan;
  const isBench = new Uint8Array(n);
  for (const a of benchAnswers) isBench[a] = 1;
  let votable = 0;
  for (let i = 0; i < n; i++) if (kind[i] !== COMMENT) votable++;
  // floor(Exp(μ)) averages about μ − ½, hence the half.
  const mean = target / Math.max(1, votable) + 0.5;
  const wanted = new Uint16Array(n);
  let capacity = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] === COMMENT) continue;
    let k = Math.min(2_000, Math.floor(expDelay(rng, mean)));
    if (isBench[i]) k = Math.max(k, 2 + Math.floor(rng() * 4));
    capacity += wanted[i] = k;
  }
  const user = new Int32Array(capacity);
  const post = new Int32Array(capacity);
  const value = new Int8Array(capacity);
  const at = new Float64Array(capacity);
  const score = new Int32Array(n);
  const voters: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    voters.length = 0;
    for (let v = 0; v < wanted[i]; v++) {
      // Votes trickle in over days; posts near "now" get theirs before now.
      let t = created[i] + expDelay(rng, 3 * DAY);
      if (t > now) t = created[i] + rng() * (now - created[i]);
      t = Math.floor(t);
      const joined = users.joinedBy(t);
      let voter = 0;
      for (let attempt = 0; attempt < 10 && !voter; attempt++) {
        const candidate = 1 + Math.floor(joined * Math.pow(rng(), 1.5));
        if (candidate !== author[i] && !voters.includes(candidate)) voter = candidate;
      }
      if (!voter) continue; // too few members joined yet to find a new voter; skip the vote
      voters.push(voter);
      const val = rng() < 0.88 ? 1 : -1;
      user[count] = voter;
      post[count] = i;
      value[count] = val;
      at[count] = t;
      score[i] += val;
      count++;
    }
  }
  // The order the votes table holds them: by its primary key (user_id, post_id), so every insert
  // appends to the key's index instead of landing at a random place in it (at 3.9M votes 2.5 s of
  // CPU instead of 14 s). Votes were planned by post, so grouping by voter keeps posts ascending.
  const rowOrder = groupBy(count, users.count + 1, (v) => user[v]).order;
  return { count, user, post, value, at, score, rowOrder };
}

type EventPlan = ReturnType<typeof planActivities>;

/**
 * The activity log in time order (ids ascend with created_at, as in the app): one event per post,
 * one per vote, one per accepted answer. Ties keep creation before votes before acceptances.
 */
function planActivities(plan: PostPlan, derived: Derived, votes: VotePlan) {
  const total = plan.n + votes.count + derived.acceptedCount;
  const type = new Uint8Array(total); // 0 post, 1 vote, 2 accepted answer
  const ref = new Int32Array(total); // post index, vote index, or question index
  const time = new Float64Array(total);
  let e = 0;
  for (let i = 0; i < plan.n; i++, e++) {
    ref[e] = i;
    time[e] = plan.created[i];
  }
  for (let v = 0; v < votes.count; v++, e++) {
    type[e] = 1;
    ref[e] = v;
    time[e] = votes.at[v];
  }
  for (let q = 0; q < plan.n; q++) {
    if (derived.accepted[q] < 0) continue;
    type[e] = 2;
    ref[e] = q;
    time[e] = derived.acceptedAt[q];
    e++;
  }
  // Sorted by (time, index): a stable counting sort by minute, then each minute's few events by
  // insertion sort. A comparison sort of 5M indexes took seconds.
  let first = Infinity;
  for (let i = 0; i < total; i++) if (time[i] < first) first = time[i];
  const minute = (i: number) => Math.floor((time[i] - first) / 60_000);
  let minutes = 0;
  for (let i = 0; i < total; i++) minutes = Math.max(minutes, minute(i) + 1);
  const { start, order } = groupBy(total, minutes, minute);
  for (let m = 0; m < minutes; m++) {
    for (let j = start[m] + 1; j < start[m + 1]; j++) {
      const e = order[j];
      let k = j - 1;
      for (; k >= start[m] && time[order[k]] > time[e]; k--) order[k + 1] = order[k];
      order[k + 1] = e;
    }
  }
  return { total, type, ref, time, order };
}

const VERBS = [...POST_KINDS, "vote", "answer_accepted"] as const;
const VOTE = POST_KINDS.length;
const ANSWER_ACCEPTED = VOTE + 1;

/**
 * The activity log as recordActivity writes it, in id order: post events (answers and comments target
 * the parent's author), votes (target the post's author, with the value) and acceptances (the answer's
 * author is credited, the asker is the target); each takes the tags of the root article or question.
 */
function activityLog(plan: PostPlan, derived: Derived, votes: VotePlan, events: EventPlan) {
  const { kind, parent, author } = plan;
  const total = events.total;
  const log = {
    count: total,
    actor: new Int32Array(total),
    verb: new Uint8Array(total),
    verbs: VERBS,
    post: new Int32Array(total),
    time: new Float64Array(total),
    target: new Int32Array(total), // 0: none
    value: new Int8Array(total), // 0: none (only votes have one)
    root: derived.root,
    tagStart: plan.tagStart,
    tagIds: plan.tagIds,
  };
  for (let j = 0; j < total; j++) {
    const e = events.order[j];
    let post: number;
    if (events.type[e] === 0) {
      post = events.ref[e];
      log.actor[j] = author[post];
      log.verb[j] = kind[post];
      log.target[j] = parent[post] < 0 ? 0 : author[parent[post]];
    } else if (events.type[e] === 1) {
      const v = events.ref[e];
      post = votes.post[v];
      log.actor[j] = votes.user[v];
      log.verb[j] = VOTE;
      log.target[j] = author[post];
      log.value[j] = votes.value[v];
    } else {
      const q = events.ref[e];
      post = derived.accepted[q];
      log.actor[j] = author[post];
      log.verb[j] = ANSWER_ACCEPTED;
      log.target[j] = author[q];
    }
    log.post[j] = post;
    log.time[j] = events.time[e];
  }
  return log satisfies ActivityLog;
}
type Log = ReturnType<typeof activityLog>;

// ---- writing ----

/** Counts rows and commits every ROWS_PER_TRANSACTION, so no single transaction grows without bound. */
class Loader {
  rows = 0;
  private sinceCommit = 0;
  constructor(readonly sqlite: Database.Database) {
    sqlite.exec("BEGIN");
  }
  counted(rows = 1) {
    this.rows += rows;
    this.sinceCommit += rows;
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      this.sqlite.exec("COMMIT; BEGIN");
      this.sinceCommit = 0;
    }
  }
  finish() {
    this.sqlite.exec("COMMIT");
  }
}

/**
 * A multi-row prepared INSERT: values are pushed into one reused array and written `rowsPerStatement`
 * rows per call, which cuts the per-call cost of better-sqlite3 (it dominates for narrow rows).
 */
class BulkInsert {
  private readonly buffer: unknown[];
  private length = 0;
  private readonly statement: Database.Statement;

  constructor(
    private readonly loader: Loader,
    private readonly table: string,
    private readonly columns: string[],
    rowsPerStatement = 100,
  ) {
    this.buffer = new Array(columns.length * rowsPerStatement);
    this.statement = loader.sqlite.prepare(this.sql(rowsPerStatement));
  }

  private sql(rows: number) {
    const row = `(${this.columns.map(() => "?").join(",")})`;
    return `INSERT INTO ${this.table} (${this.columns.join(",")}) VALUES ${Array(rows).fill(row).join(",")}`;
  }

  /** Pass exactly one value per column, in column order. */
  row(...values: unknown[]) {
    for (let i = 0; i < values.length; i++) this.buffer[this.length++] = values[i];
    if (this.length === this.buffer.length) {
      this.statement.run(this.buffer);
      this.length = 0;
    }
    this.loader.counted();
  }

  flush() {
    if (!this.length) return;
    this.loader.sqlite.prepare(this.sql(this.length / this.columns.length)).run(this.buffer.slice(0, this.length));
    this.length = 0;
  }
}

/** Members, with their reputation and first contribution, vote, question and answer already known from the plan. */
function insertUsers(
  loader: Loader,
  users: UserPlan,
  passwordHash: string,
  rng: Rng,
  text: TextWriter,
  ledger: Ledger,
  firsts: ReturnType<typeof memberMilestones>,
) {
  const insert = new BulkInsert(
    loader,
    "users",
    [
      "id",
      "name",
      "handle",
      "email",
      "password_hash",
      "role",
      "locale",
      "headline",
      "bio",
      "location",
      "created_at",
      "reputation",
      "first_contributed_at",
      "first_participated_at",
      "first_asked_at",
      "first_produced_at",
    ],
    50,
  );
  const orNull = (t: number) => (Number.isNaN(t) ? null : t);
  const handles: string[] = new Array(users.count);
  for (let i = 0; i < users.count; i++) {
    const first = FIRST_NAMES[Math.floor(rng() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(rng() * LAST_NAMES.length)];
    // The id in base 36 makes handles (and so e-mails) unique; handles fit the app's 3–30 rule.
    const suffix = `_${(i + 1).toString(36)}`;
    const handle =
      slugPart(`${first} ${last}`)
        .slice(0, 30 - suffix.length)
        .replace(/_+$/, "") + suffix;
    handles[i] = handle;
    const r = rng();
    const locale = r < 0.5 ? "nl" : r < 0.9 ? "en" : null;
    const bio = rng() < 0.3 ? text.sentence(60, 160) : "";
    insert.row(
      i + 1,
      `${first} ${last}`,
      handle,
      `${handle}@bench.example`,
      passwordHash,
      ROLE_NAMES[users.role[i]],
      locale,
      HEADLINES[Math.floor(rng() * HEADLINES.length)],
      bio,
      CITIES[Math.floor(rng() * CITIES.length)],
      users.createdAt[i],
      ledger.total[i + 1],
      orNull(firsts.contributed[i + 1]),
      orNull(firsts.participated[i + 1]),
      orNull(firsts.asked[i + 1]),
      orNull(firsts.produced[i + 1]),
    );
  }
  insert.flush();
  return handles;
}

/** ~200 organisations (one vendor, partners and customers) and memberships for ~90% of members. */
function insertOrganisations(loader: Loader, users: UserPlan, rng: Rng, text: TextWriter, now: number) {
  const count = Math.min(200, Math.max(3, Math.floor(users.count / 5)));
  const kinds: string[] = [];
  const orgs = new BulkInsert(
    loader,
    "organisations",
    ["id", "slug", "name", "description", "website", "kind", "created_at"],
    50,
  );
  for (let i = 0; i < count; i++) {
    const kind = i === 0 ? "vendor" : rng() < 0.2 ? "partner" : "customer";
    kinds.push(kind);
    const word = text.words[GLUE_WORDS.length + Math.floor(rng() * (text.words.length - GLUE_WORDS.length))];
    const name = `${word[0].toUpperCase()}${word.slice(1)} ${ORG_SUFFIXES[Math.floor(rng() * ORG_SUFFIXES.length)]}`;
    const slug = `${slugPart(name).replace(/_/g, "-")}-${i + 1}`;
    orgs.row(i + 1, slug, name, text.sentence(60, 180), `https://${slug}.example`, kind, now - WINDOW - 120 * DAY);
  }
  orgs.flush();
  const relationOf = { vendor: "employee", customer: "customer", partner: "partner" } as Record<string, string>;
  const pickOrg = zipfTable(count, 0.8, 1 << 16);
  const memberships = new BulkInsert(loader, "memberships", ["user_id", "org_id", "relation", "created_at"]);
  const orgOf = new Int32Array(users.count + 1); // by user id; 0: none
  for (let i = 0; i < users.count; i++) {
    if (rng() >= 0.9) continue;
    const org = pickOrg(rng);
    orgOf[i + 1] = org + 1;
    memberships.row(i + 1, org + 1, relationOf[kinds[org]], users.createdAt[i]);
  }
  memberships.flush();
  return orgOf;
}

function tagNames(count: number, rng: Rng) {
  const names = REAL_TAGS.slice(0, count);
  const seen = new Set(names);
  while (names.length < count) {
    const name = pseudoWord(rng) + (rng() < 0.3 ? `-${pseudoWord(rng)}` : "");
    if (name.length < 2 || name.length > 30 || seen.has(name) || reserved(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** Tags with post_count = the published articles and questions carrying them (all are published). */
function insertTags(loader: Loader, names: string[], plan: PostPlan) {
  const postCount = new Int32Array(names.length + 1);
  for (let j = 0; j < plan.tagStart[plan.n]; j++) postCount[plan.tagIds[j]]++;
  const insert = new BulkInsert(loader, "tags", ["id", "name", "description", "post_count", "created_at"], 50);
  for (let i = 0; i < names.length; i++) insert.row(i + 1, names[i], "", postCount[i + 1], plan.start - 30 * DAY);
  insert.flush();
  return postCount;
}

/**
 * Posts with their revision (articles, questions, answers) and post_tags, in one pass so each body
 * is generated once. Mirrors createTopPost/createAnswer/createComment: unique slugs for articles,
 * the revision's editor is the author, tags comma-joined in the order given.
 */
async function insertPosts(
  loader: Loader,
  plan: PostPlan,
  derived: Derived,
  votes: VotePlan,
  names: string[],
  text: TextWriter,
  rng: Rng,
  fixtureArticle: number,
) {
  const { slugify } = await import("~/utils/slug");
  const posts = new BulkInsert(
    loader,
    "posts",
    [
      "id",
      "kind",
      "parent_id",
      "author_id",
      "title",
      "slug",
      "summary",
      "body",
      "body_html",
      "status",
      "score",
      "answer_count",
      "comment_count",
      "accepted_answer_id",
      "created_at",
      "updated_at",
      "last_activity_at",
      "first_answer_at",
    ],
    20,
  );
  const revisions = new BulkInsert(
    loader,
    "post_revisions",
    ["id", "post_id", "editor_id", "title", "summary", "body", "tags", "created_at"],
    20,
  );
  const postTags = new BulkInsert(loader, "post_tags", ["post_id", "tag_id"], 200);
  const { n, kind, parent, author, created, tagStart, tagIds } = plan;

  // The rare word goes into RARE_POSTS searchable posts evenly spread over the timeline.
  const rare = new Uint8Array(n);
  let searchable = 0;
  for (let i = 0; i < n; i++) if (kind[i] !== COMMENT) searchable++;
  const rarePositions = new Set(
    Array.from({ length: Math.min(RARE_POSTS, searchable) }, (_, j) =>
      Math.floor(((j + 0.5) * searchable) / RARE_POSTS),
    ),
  );
  for (let i = 0, s = 0; i < n; i++) if (kind[i] !== COMMENT && rarePositions.has(s++)) rare[i] = 1;

  const slugs = new Set<string>();
  let fixtureSlug = "";
  let revisionId = 0;
  const forced: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const top = k === ARTICLE || k === QUESTION;
    forced.length = 0;
    if (rng() < COMMON_SHARE) forced.push(COMMON_WORD);
    if (rare[i]) forced.push(RARE_WORD);
    const paragraphs = text.paragraphs(k === ARTICLE ? 3 : k === QUESTION ? 2 : k === ANSWER ? 2 : 1, forced);
    const body = paragraphs.join("\n\n");
    const title = top ? text.title(k === QUESTION) : "";
    const summary = k === ARTICLE ? text.sentence() : "";
    let slug: string | null = null;
    if (k === ARTICLE) {
      const base = slugify(title);
      slug = base;
      for (let m = 2; slugs.has(slug); m++) slug = `${base}-${m}`; // as uniqueSlug() does
      slugs.add(slug);
      if (i === fixtureArticle) fixtureSlug = slug;
    }
    const accepted = derived.accepted[i];
    posts.row(
      i + 1,
      POST_KINDS[k],
      parent[i] < 0 ? null : parent[i] + 1,
      author[i],
      title,
      slug,
      summary,
      body,
      paragraphsHtml(paragraphs),
      "published",
      votes.score[i],
      derived.answerCount[i],
      derived.commentCount[i],
      accepted < 0 ? null : accepted + 1,
      created[i],
      created[i],
      derived.lastActivity[i],
      Number.isNaN(derived.firstAnswerAt[i]) ? null : derived.firstAnswerAt[i],
    );
    if (k === COMMENT) continue;
    let tags = "";
    for (let j = tagStart[i]; j < tagStart[i + 1]; j++) {
      postTags.row(i + 1, tagIds[j]);
      tags += (tags ? "," : "") + names[tagIds[j] - 1];
    }
    revisions.row(++revisionId, i + 1, author[i], title, summary, body, tags, created[i]);
  }
  posts.flush();
  revisions.flush();
  postTags.flush();
  return fixtureSlug;
}

function insertVotes(loader: Loader, votes: VotePlan) {
  const insert = new BulkInsert(loader, "votes", ["user_id", "post_id", "value", "created_at"], 200);
  for (const v of votes.rowOrder) insert.row(votes.user[v], votes.post[v] + 1, votes.value[v], votes.at[v]);
  insert.flush();
}

function insertActivities(loader: Loader, log: Log) {
  const activities = new BulkInsert(
    loader,
    "activities",
    ["id", "actor_id", "verb", "post_id", "target_user_id", "value", "created_at"],
    100,
  );
  const activityTags = new BulkInsert(loader, "activity_tags", ["activity_id", "tag_id"], 1000);
  const { root, tagStart, tagIds } = log;
  for (let j = 0; j < log.count; j++) {
    const id = j + 1;
    const post = log.post[j];
    activities.row(
      id,
      log.actor[j],
      VERBS[log.verb[j]],
      post + 1,
      log.target[j] || null,
      log.value[j] || null,
      log.time[j],
    );
    const r = root[post];
    for (let t = tagStart[r]; t < tagStart[r + 1]; t++) activityTags.row(id, tagIds[t]);
  }
  activities.flush();
  activityTags.flush();
}

// ---- deferred indexes ----

const BULK_TABLES = [
  "posts",
  "post_revisions",
  "post_tags",
  "votes",
  "activities",
  "activity_tags",
  "reputation_events",
  "tag_reputation",
  "member_weeks",
  "member_days",
  "member_tag_weeks",
  "tag_weeks",
  "org_weeks",
];
/**
 * Kept up to date during the load: activity_tags rows arrive in activity order, so this index only
 * ever appends at ~500 places (one per tag), which is cheaper than sorting ~9M entries afterwards.
 * Measured at the large size: deferring it costs ~7 s more; deferring the other append-order
 * indexes as well is also faster, because their pages no longer interleave with the posts table
 * that the full-text fill scans.
 */
const ONLINE_INDEXES = ["activity_tags_tag_idx"];

/**
 * Drops the other secondary indexes of the big tables and returns their CREATE statements as SQLite
 * stored them (the migrations' own text). Building an index once at the end is much cheaper than
 * keeping it up to date through millions of scattered inserts. Primary keys stay.
 */
function dropBulkIndexes(sqlite: Database.Database) {
  const rows = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => "?").join(",")}) ORDER BY name`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  const deferred = rows.filter((r) => !ONLINE_INDEXES.includes(r.name));
  for (const { name } of deferred) sqlite.exec(`DROP INDEX "${name}"`);
  return deferred.map((r) => r.sql);
}

// ---- full-text index ----

const FTS_TRIGGERS = ["posts_fts_insert", "posts_fts_update", "posts_fts_delete"];

/** The full-text triggers as the migrations left them (a later migration may have redefined one). */
function searchTriggerStatements(sqlite: Database.Database) {
  const statements = FTS_TRIGGERS.map(
    (name) =>
      sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").pluck().get(name) as string,
  );
  if (statements.some((s) => !s)) throw new Error(`Expected the triggers ${FTS_TRIGGERS.join(", ")} in the schema`);
  return statements;
}

/**
 * One set-based fill instead of a trigger firing per row, then one segment per term list, as a
 * long-running index converges to through FTS5's automerge. Returns the number of indexed posts.
 */
function fillSearchIndex(sqlite: Database.Database, triggers: string[]) {
  // While filling, a large in-memory term hash and no automerge: FTS5 writes a few big segments once
  // instead of merging many small ones as it goes (2.5x faster). The settings live in posts_fts_config;
  // their rows are removed after, so the index runs with FTS5's defaults as migrated.
  sqlite.exec("INSERT INTO posts_fts(posts_fts, rank) VALUES('automerge', 0)");
  sqlite.exec("INSERT INTO posts_fts(posts_fts, rank) VALUES('hashsize', 268435456)");
  const result = sqlite
    .prepare(
      "INSERT INTO posts_fts(rowid, title, body) SELECT id, title, body FROM posts WHERE kind IN ('article','question','answer','idea') AND status = 'published'",
    )
    .run();
  sqlite.exec("INSERT INTO posts_fts(posts_fts) VALUES('optimize')");
  sqlite.unsafeMode(true); // FTS5's shadow tables are read-only in better-sqlite3's defensive mode
  sqlite.exec("DELETE FROM posts_fts_config WHERE k IN ('automerge', 'hashsize')");
  sqlite.unsafeMode(false);
  for (const statement of triggers) sqlite.exec(statement);
  return result.changes;
}

// ---- the run ----

function resolveOut(file: string) {
  const resolved = path.resolve(file);
  try {
    return fs.realpathSync(resolved);
  } catch {
    return resolved;
  }
}

/** The demo database (and whatever DATABASE_PATH points at) is never a valid target. */
export function assertWritableTarget(out: string, protect: (string | undefined)[] = []) {
  const forbidden = ["./data/kring.db", process.env.DATABASE_PATH, ...protect]
    .filter((p): p is string => !!p && p !== ":memory:")
    .map(resolveOut);
  if (forbidden.includes(resolveOut(out)))
    throw new Error(`Refusing to overwrite ${out}: it is the app's database. Pick another --out.`);
}

export async function generateBenchData(options: BenchOptions = {}): Promise<BenchSidecar & { out: string }> {
  const began = performance.now();
  const size = options.size ?? "small";
  const members = options.members ?? SIZES[size].members;
  const postCount = options.posts ?? SIZES[size].posts;
  const seed = options.seed ?? 1;
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  const out = options.out ?? `./data/bench-${size}.db`;
  const log = options.log ?? ((line: string) => console.log(line));
  if (!Number.isInteger(members) || members < 20) throw new Error("--members must be an integer of at least 20");
  if (!Number.isInteger(postCount) || postCount < 1_000) throw new Error("--posts must be an integer of at least 1000");
  assertWritableTarget(out, options.protect);

  const [{ openDatabase, migrateDatabase }, { hashPassword }] = await Promise.all([
    import("~/utils/db.server"),
    import("~/utils/auth.server"),
  ]);
  const passwordHash = await hashPassword(BENCH_PASSWORD); // once: argon2 is deliberately slow

  // Wall time and this process's CPU time per step: on a machine shared with other work they differ.
  const step = (() => {
    let last = performance.now();
    let cpu = process.cpuUsage();
    return (label: string) => {
      const t = performance.now();
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      log(
        `  ${label.padEnd(34)} ${((t - last) / 1000).toFixed(1).padStart(6)} s (CPU ${cpuSeconds.toFixed(1).padStart(5)} s)`,
      );
      last = t;
      cpu = process.cpuUsage();
    };
  })();

  // Separate streams, so changing how text is written never changes who posted or voted what.
  const structure = createRng(seed);
  const textRng = createRng(seed ^ 0x5bd1e995);
  const text = new TextWriter(textRng);
  const users = planUsers(members, structure, now);
  const names = tagNames(500, structure);
  const plan = planPosts(postCount, users, names.length, structure, now);
  planBenchThread(plan, users, structure);
  const derived = derive(plan, structure);
  const votes = planVotes(plan, users, structure, Math.round(SIZES[size].votesPerPost * postCount));
  const events = planActivities(plan, derived, votes);
  const activityRows = activityLog(plan, derived, votes, events);
  const ledgerInput = { members, ...plan, accepted: derived.accepted, votes };
  const ledger = planReputation(ledgerInput);
  const firsts = memberMilestones(activityRows, members);
  step("planned");

  const removeOutput = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal", ".json"]) fs.rmSync(out + suffix, { force: true });
  };
  removeOutput();
  const db = openDatabase(out);
  const sqlite = db.$client;
  let rows = 0;
  let articleSlug = "";
  let handles: string[] = [];
  let tagPostCount = new Int32Array(0);
  try {
    migrateDatabase(db);
    // Bulk-load settings, undone below: no rollback journal or fsync (a failed run is simply re-run),
    // no per-row foreign-key lookups (the plan is consistent by construction; the test checks it),
    // and a page cache large enough to keep index pages hot.
    sqlite.pragma("journal_mode = OFF");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("foreign_keys = OFF");
    sqlite.pragma("cache_size = -2000000");
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma("threads = 2"); // CREATE INDEX may sort on both cores
    const triggers = searchTriggerStatements(sqlite);
    for (const name of FTS_TRIGGERS) sqlite.exec(`DROP TRIGGER ${name}`);
    const deferredIndexes = dropBulkIndexes(sqlite);

    const loader = new Loader(sqlite);
    handles = insertUsers(loader, users, passwordHash, textRng, text, ledger, firsts);
    const orgOf = insertOrganisations(loader, users, textRng, text, now);
    tagPostCount = insertTags(loader, names, plan);
    step("users, organisations, tags");
    // The article with the most comments, so the article page has a thread to render.
    let article = -1;
    for (let i = 0; i < postCount; i++)
      if (plan.kind[i] === ARTICLE && (article < 0 || derived.commentCount[i] > derived.commentCount[article]))
        article = i;
    articleSlug = await insertPosts(loader, plan, derived, votes, names, text, textRng, article);
    step("posts, revisions, post_tags");
    insertVotes(loader, votes);
    step("votes");
    insertActivities(loader, activityRows);
    step("activities, activity_tags");
    const sink: Sink = (table, columns) => new BulkInsert(loader, table, columns, 100);
    writeReputation(ledger, ledgerInput, names.length, sink);
    step("reputation ledger");
    writeHealthRollups(activityRows, members, names.length, orgOf, sink);
    loader.finish();
    step("health rollups");
    // CREATE INDEX sorts in runs the size of the page cache: 100 MB runs, sorted on both cores and
    // merged, take less CPU than one 2 GB run (at the large size about a fifth less).
    sqlite.pragma("cache_size = -100000");
    for (const statement of deferredIndexes) sqlite.exec(statement);
    step("indexes");
    fillReputationRollups(sqlite);
    step("profile rollups");
    rows = loader.rows + fillSearchIndex(sqlite, triggers);
    step("full-text index");

    // Back to what openDatabase sets and the app expects, then statistics for the query planner.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // A full ANALYZE (about 4 s at 1M posts): sampled statistics mislead the planner into scanning
    // all comments by (kind, status) instead of looking them up by parent.
    sqlite.pragma("analysis_limit = 0");
    sqlite.exec("ANALYZE");
    sqlite.pragma("optimize");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
    step("analyze, checkpoint");
  } catch (error) {
    // A half-written benchmark database is worse than none: it would measure the wrong thing.
    if (sqlite.open) sqlite.close();
    removeOutput();
    throw error;
  }

  // Fixtures: the busiest author, the most used tag, a plain member who is not the asker.
  const postsBy = new Int32Array(members + 1);
  for (let i = 0; i < postCount; i++) postsBy[plan.author[i]]++;
  let busiest = 1;
  for (let u = 1; u <= members; u++) if (postsBy[u] > postsBy[busiest]) busiest = u;
  let popular = 1;
  for (let t = 1; t <= names.length; t++) if (tagPostCount[t] > tagPostCount[popular]) popular = t;
  let benchUser = Math.floor(members / 3);
  const asker = plan.author[plan.benchQuestion];
  for (let tries = 0; tries < members; tries++, benchUser = (benchUser % members) + 1) {
    if (users.role[benchUser - 1] === 0 && benchUser !== asker && benchUser !== busiest && postsBy[benchUser] > 0)
      break;
  }
  const seconds = (performance.now() - began) / 1000;
  const bytes = fs.statSync(out).size;
  const sidecar: BenchSidecar = {
    questionId: plan.benchQuestion + 1,
    questionAnswers: BENCH_ANSWERS,
    articleSlug,
    memberHandle: handles[busiest - 1],
    tag: names[popular - 1],
    commonWord: COMMON_WORD,
    rareWord: RARE_WORD,
    benchUserId: benchUser,
    counts: { users: members, posts: postCount, votes: votes.count, activities: events.total },
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    seed,
    now,
    rows,
    bytes,
  };
  fs.writeFileSync(`${out}.json`, JSON.stringify(sidecar, null, 2) + "\n");
  log(
    `bench-data: ${rows.toLocaleString("en")} rows into ${out} (${(bytes / 1e9).toFixed(2)} GB) in ${sidecar.seconds} s, ` +
      `${sidecar.rowsPerSecond.toLocaleString("en")} rows/s`,
  );
  return { ...sidecar, out };
}

// ---- CLI ----

function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {};
  const integer = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (!value || !Number.isSafeInteger(n)) throw new Error(`${flag} needs an integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--size") {
      const size = value();
      if (size !== "small" && size !== "large") throw new Error("--size must be small or large");
      options.size = size;
    } else if (flag === "--members") options.members = integer(flag, value());
    else if (flag === "--posts") options.posts = integer(flag, value());
    else if (flag === "--seed") options.seed = integer(flag, value());
    else if (flag === "--out") {
      const out = value();
      if (!out) throw new Error("--out needs a path");
      options.out = out;
    } else if (flag === "--now") {
      const raw = value();
      const now = /^\d+$/.test(raw ?? "") ? Number(raw) : Date.parse(raw ?? "");
      if (!Number.isFinite(now)) throw new Error("--now needs epoch milliseconds or an ISO date");
      options.now = now;
    } else
      throw new Error(
        `Unknown option ${argv[i]}\nUsage: npx tsx scripts/bench-data.ts --size small|large [--members N] [--posts N] [--seed N] [--out path] [--now ms|ISO]`,
      );
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    // Importing the app's db module opens DATABASE_PATH at once; point it at memory so this script
    // never opens (or creates) the demo database, but still refuse the original path as a target.
    const original = process.env.DATABASE_PATH;
    process.env.DATABASE_PATH = ":memory:";
    await generateBenchData({ ...options, protect: [original] });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
