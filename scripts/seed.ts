/**
 * The demo community: organisations of a B2B ecosystem, their people and nine months of their
 * articles, questions, answers, comments and votes, in Dutch and English.
 * Deterministic (fixed random seed) and idempotent: re-running it adds nothing that is already there.
 */
import { eq, lt, sql } from "drizzle-orm";
import { jobs, notifications, type OrgKind, type Relation, type Role } from "~db/schema";
import { awardBadges } from "~/models/badge.server";
import { computeMemberMatches } from "~/models/introduction.server";
import { getOrganisationBySlug } from "~/models/organisation.server";
import { findUserByEmail } from "~/models/user.server";
import { hashPassword } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { addToOrganisation, createRandom, makeOrganisation, makeUser } from "../test/factories";
import { seedEvents } from "./seed-events";
import { seedFollows } from "./seed-follow";
import { seedFadingMembers } from "./seed-health";
import { seedRouting } from "./seed-routing";
import { seedIdeas } from "./seed-ideas";
import { seedModeration } from "./seed-moderation";
import { seedKnowledge } from "./seed-knowledge";

export const DEMO_PASSWORD = "kring-demo-2026";

/** One account per role; the README lists them. */
export const DEMO_ACCOUNTS: {
  role: Role;
  name: string;
  handle: string;
  email: string;
  org: string;
  relation: Relation;
  headline: string;
}[] = [
  {
    role: "admin",
    name: "Anouk de Vries",
    handle: "anouk",
    email: "admin@kring.example",
    org: "nordlicht",
    relation: "employee",
    headline: "Platform administrator at Nordlicht Data",
  },
  {
    role: "lead",
    name: "Pieter Janssens",
    handle: "pieter",
    email: "lead@kring.example",
    org: "nordlicht",
    relation: "employee",
    headline: "Community lead · Nordlicht Data",
  },
  {
    role: "expert",
    name: "Sanne Bakker",
    handle: "sanne",
    email: "expert@kring.example",
    org: "nordlicht",
    relation: "employee",
    headline: "Solutions architect, data pipelines",
  },
  {
    role: "member",
    name: "Tom Peeters",
    handle: "tom",
    email: "member@kring.example",
    org: "brugge-zorg",
    relation: "customer",
    headline: "IT coordinator at Brugge Zorggroep",
  },
];

const ORGANISATIONS: {
  slug: string;
  name: string;
  kind: OrgKind;
  website: string;
  description: string;
  relation: Relation;
}[] = [
  {
    slug: "nordlicht",
    name: "Nordlicht Data",
    kind: "vendor",
    website: "https://nordlicht.example",
    relation: "employee",
    description:
      "Maker of the Nordlicht data platform: pipelines, warehousing and dashboards for the public and private sector.",
  },
  {
    slug: "veldwerk",
    name: "Veldwerk Logistiek",
    kind: "customer",
    website: "https://veldwerk.example",
    relation: "customer",
    description: "Logistiekbedrijf uit Tilburg dat zijn planning en voorraad op Nordlicht draait.",
  },
  {
    slug: "zuidhaven",
    name: "Gemeente Zuidhaven",
    kind: "customer",
    website: "https://zuidhaven.example",
    relation: "customer",
    description: "Gemeente die open data en interne rapportages publiceert met Nordlicht.",
  },
  {
    slug: "brugge-zorg",
    name: "Brugge Zorggroep",
    kind: "customer",
    website: "https://bruggezorg.example",
    relation: "customer",
    description: "Vlaamse zorggroep met zes campussen; gebruikt Nordlicht voor capaciteitsplanning.",
  },
  {
    slug: "harbourline",
    name: "Harbourline Insurance",
    kind: "customer",
    website: "https://harbourline.example",
    relation: "customer",
    description: "Insurer in Rotterdam and London running claims analytics on Nordlicht.",
  },
  {
    slug: "polder-consulting",
    name: "Polder Consulting",
    kind: "partner",
    website: "https://polder.example",
    relation: "partner",
    description: "Implementatiepartner: migraties, datamodellen en trainingen.",
  },
  {
    slug: "schelde-systems",
    name: "Schelde Systems",
    kind: "partner",
    website: "https://schelde.example",
    relation: "partner",
    description: "Antwerp integrator building connectors and managed services around Nordlicht.",
  },
  {
    slug: "tulip-analytics",
    name: "Tulip Analytics",
    kind: "partner",
    website: "https://tulip.example",
    relation: "partner",
    description: "Freelance collective of BI and data-science specialists.",
  },
];

const FIRST_NAMES = [
  "Daan",
  "Emma",
  "Lotte",
  "Bram",
  "Julia",
  "Sem",
  "Fleur",
  "Thijs",
  "Noor",
  "Ruben",
  "Lieke",
  "Jeroen",
  "Femke",
  "Koen",
  "Marloes",
  "Wouter",
  "Eline",
  "Joris",
  "Inge",
  "Maarten",
  "Sofie",
  "Wim",
  "Hanne",
  "Jasper",
  "Charlotte",
  "Oliver",
  "Grace",
  "Henry",
  "Amelia",
  "James",
  "Priya",
  "Samir",
  "Yasmina",
  "Mehmet",
  "Elif",
  "Lucas",
  "Nina",
  "Arjen",
  "Kim",
  "Stijn",
];
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
const TOPICS = [
  "data pipelines",
  "dashboards",
  "data modelling",
  "SQL performance",
  "security and access",
  "migrations",
  "API integrations",
  "capacity planning",
  "open data",
  "data quality",
  "machine learning",
  "governance",
];
const HEADLINES: Record<Relation, string[]> = {
  employee: [
    "Support engineer",
    "Product manager",
    "Solutions architect",
    "Developer advocate",
    "Customer success manager",
    "Data engineer",
  ],
  customer: [
    "BI-analist",
    "Data analyst",
    "Applicatiebeheerder",
    "Head of reporting",
    "Informatiemanager",
    "IT coordinator",
  ],
  partner: [
    "Implementatieconsultant",
    "Freelance data engineer",
    "Trainer",
    "Integration specialist",
    "BI consultant",
    "Architect",
  ],
};
const BIOS_EN = [
  "I help teams turn messy {topic} into something they can trust. Ask me anything about {topic2}.",
  "Ten years in {topic}; lately mostly {topic2}. I write about what broke and how we fixed it.",
  "Curious about {topic} and happy to share what worked for us, and what did not.",
];
const BIOS_NL = [
  "Ik help teams om {topic} op orde te krijgen. Vragen over {topic2}? Stel ze gerust.",
  "Al jaren bezig met {topic}, tegenwoordig vooral met {topic2}. Ik deel graag wat werkt.",
  "Nieuwsgierig naar {topic}; ik leer het liefst van andere klanten en partners.",
];

const MONTH = 30 * DAY_MS;

function slugifyHandle(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The generated members: a pure function of the fixed random seed, so every run yields the same people. */
function demoMembers(count: number, now: number) {
  const rng = createRandom(20261125);
  const used = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    let name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    while (used.has(name)) name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    used.add(name);
    const org = ORGANISATIONS[i % ORGANISATIONS.length];
    const dutch = rng.next() < 0.6;
    const bio = rng
      .pick(dutch ? BIOS_NL : BIOS_EN)
      .replace("{topic}", rng.pick(TOPICS))
      .replace("{topic2}", rng.pick(TOPICS));
    const handle = slugifyHandle(name).slice(0, 30);
    const expertChance = org.relation === "employee" ? 0.5 : org.relation === "partner" ? 0.3 : 0;
    return {
      org,
      user: {
        name,
        handle,
        email: `${handle}@${org.slug}.example`,
        role: (rng.next() < expertChance ? "expert" : "member") as Role,
        headline: rng.pick(HEADLINES[org.relation]),
        bio,
        location: rng.pick(CITIES),
        locale: dutch ? ("nl" as const) : ("en" as const),
        createdAt: new Date(now - rng.int(0, 9 * MONTH)),
      },
    };
  });
}

export async function seed({ members = 84, now = Date.now() } = {}) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const orgIds = new Map<string, number>();
  for (const { relation: _relation, ...org } of ORGANISATIONS) {
    orgIds.set(org.slug, (getOrganisationBySlug(org.slug) ?? makeOrganisation(org)).id);
  }

  const people = [
    ...DEMO_ACCOUNTS.map(({ org, relation, ...account }) => ({
      org: { slug: org, relation },
      user: {
        ...account,
        location: "Utrecht",
        bio: `Demo account (${account.role}).`,
        createdAt: new Date(now - 9 * MONTH),
      },
    })),
    ...demoMembers(members, now),
  ];
  for (const { org, user: input } of people) {
    if (findUserByEmail(input.email)) continue;
    const user = await makeUser({ ...input, passwordHash });
    addToOrganisation({ orgId: orgIds.get(org.slug)!, userId: user.id, relation: org.relation });
  }
  seedKnowledge({ now });
  seedFadingMembers({ now });
  seedEvents({ now });
  await seedModeration({ now });
  await seedFollows({ now, passwordHash });
  seedIdeas({ now });
  seedRouting({ now });
  settleSeededNotifications(now);
  // Reputation came from the real ledger rules as the history was written; badges follow from it.
  awardBadges(new Date(now));
  // People you should meet, as the daily job would leave them, so the home page shows some (docs/people-to-meet.md).
  computeMemberMatches(new Date(now));
}

/**
 * The seeded history notified its members as it was written. None of that is news: no emails go out
 * for it, and what is older than a week was read long ago. Members visited on the days they acted,
 * so only those away for a week get a digest.
 */
function settleSeededNotifications(now: number) {
  const db = getDb();
  db.transaction((tx) => {
    tx.run(sql`insert or ignore into user_visits (user_id, day)
      select actor_id, date(created_at / 1000, 'unixepoch') from activities`);
    tx.delete(jobs).where(eq(jobs.kind, "notification-email")).run();
    tx.update(notifications)
      .set({ readAt: new Date(now) })
      .where(lt(notifications.createdAt, new Date(now - 7 * DAY_MS)))
      .run();
  });
}
