/**
 * The co-creation board alive on first start (docs/ideas.md): customers' and partners' ideas for Nordlicht in
 * every status, supported by other members, with official responses from Nordlicht's employees, and one
 * duplicate merged by the community lead. Written through the real model functions (credit, notifications,
 * activity), after the knowledge seed. Idempotent: any idea marks the set as written.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { memberships, organisations, posts, users, type IdeaStatus } from "~db/schema";
import { createIdea, mergeIdea, setIdeaStatus, setIdeaVote } from "~/models/idea.server";
import { db } from "~/utils/db.server";
import { DAY_MS } from "~/utils/time";
import { createRandom } from "../test/factories";

type IdeaSeed = {
  title: string;
  body: string;
  tags: string[];
  status: IdeaStatus;
  response?: string;
  votes: number;
  daysAgo: number;
};

export const ideaSeeds: IdeaSeed[] = [
  {
    title: "Export dashboards as PDF with our own branding",
    body: "Our board reads the monthly figures on paper. A PDF export of a dashboard, with our logo and colours, would save us an afternoon every month.",
    tags: ["dashboards", "reporting"],
    status: "planned",
    response:
      "Thanks for the clear use case. Branded PDF export is **planned for the spring release**; we will share a preview with the voters here first.",
    votes: 14,
    daysAgo: 70,
  },
  {
    title: "Pijplijnen pauzeren tijdens onderhoudsvensters",
    body: "Tijdens ons maandelijkse onderhoud willen we alle pijplijnen van één project in één keer kunnen pauzeren en daarna hervatten, zonder elke taak apart uit te zetten.",
    tags: ["pipelines", "operations"],
    status: "in_progress",
    response:
      "We bouwen dit nu: een knop *Project pauzeren* en een API-aanroep. De eerste versie staat in de bèta van volgende maand.",
    votes: 11,
    daysAgo: 120,
  },
  {
    title: "Single sign-on with Microsoft Entra ID groups",
    body: "We manage access in Entra ID groups. Mapping groups to Nordlicht workspaces would remove a manual step for every new colleague.",
    tags: ["security", "sso"],
    status: "done",
    response: "Shipped in 4.2: map Entra ID groups to workspaces under *Settings → Access*. See the release notes.",
    votes: 18,
    daysAgo: 200,
  },
  {
    title: "Warehouse costs per team in the usage report",
    body: "We split the platform bill between departments. A usage report with warehouse costs per team or tag would make that fair and quick.",
    tags: ["warehousing", "reporting"],
    status: "under_review",
    response: "We are looking at how to attribute shared compute fairly. Tell us how you split costs today.",
    votes: 7,
    daysAgo: 25,
  },
  {
    title: "Excel-bestanden direct als bron in een pijplijn",
    body: "Veel van onze aanleveringen komen nog als Excel. Een bronconnector die een map met xlsx-bestanden leest zou een hoop scripts overbodig maken.",
    tags: ["pipelines", "connectors"],
    status: "declined",
    response:
      "We gaan geen aparte Excel-connector bouwen: de bestandsconnector leest xlsx al sinds versie 3.8. Zie de documentatie over *bestandsbronnen*.",
    votes: 4,
    daysAgo: 150,
  },
  {
    title: "Dark mode for the dashboard editor",
    body: "Our control room runs dashboards on big screens at night. A dark theme for the editor and the viewer would be easier on the eyes.",
    tags: ["dashboards"],
    status: "new",
    votes: 9,
    daysAgo: 6,
  },
  {
    title: "Alerts in Microsoft Teams when a pipeline fails",
    body: "Email alerts get lost. Posting failed pipeline runs to a Teams channel would let the on-call person react sooner.",
    tags: ["pipelines", "operations"],
    status: "new",
    votes: 5,
    daysAgo: 12,
  },
];

/** The duplicate the lead merged into the dark-mode idea. */
const duplicateSeed: IdeaSeed = {
  title: "Donker thema voor dashboards",
  body: "Op de grote schermen in onze meldkamer is het witte thema 's nachts te fel. Graag een donkere weergave.",
  tags: ["dashboards"],
  status: "new",
  votes: 4,
  daysAgo: 20,
};

export function seedIdeas({ now }: { now: number }) {
  if (db.select({ id: posts.id }).from(posts).where(eq(posts.kind, "idea")).limit(1).get()) return;
  const vendor = db.select().from(organisations).where(eq(organisations.slug, "nordlicht")).get();
  const lead = db.select().from(users).where(eq(users.role, "lead")).orderBy(asc(users.id)).get();
  if (!vendor || !lead) return;
  const employees = db
    .select({ id: users.id, createdAt: users.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.orgId, vendor.id),
        eq(memberships.relation, "employee"),
        inArray(users.role, ["expert", "member"]),
      ),
    )
    .orderBy(asc(users.id))
    .all();
  // Customers and partners propose and support.
  const others = db
    .select({ id: users.id, createdAt: users.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(ne(memberships.orgId, vendor.id), eq(users.role, "member")))
    .orderBy(asc(users.id))
    .all();
  if (!employees.length || others.length < 20) return;
  const rng = createRandom(18);
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
  // Nobody acts before they joined (scripts/seed.test.ts, "keeps its own clock").
  const joinedBy = <T extends { createdAt: Date }>(people: T[], when: Date) =>
    people.filter((p) => p.createdAt <= when);
  const write = (seed: IdeaSeed, index: number) => {
    const proposedAt = at(seed.daysAgo);
    const authors = joinedBy(others, proposedAt);
    const author = authors[(index * 3) % authors.length];
    const idea = createIdea({
      authorId: author.id,
      orgId: vendor.id,
      title: seed.title,
      body: seed.body,
      tags: seed.tags,
      now: proposedAt,
    });
    for (let v = 0; v < seed.votes; v++) {
      const votedAt = at(rng.int(0, seed.daysAgo));
      const voters = joinedBy(others, votedAt).filter((o) => o.id !== author.id);
      setIdeaVote({ ideaId: idea.id, userId: voters[(index * 7 + v * 3) % voters.length].id, value: 1, now: votedAt });
    }
    if (seed.status !== "new") {
      const answeredAt = at(Math.max(0, seed.daysAgo - 5));
      const responders = joinedBy(employees, answeredAt);
      setIdeaStatus({
        ideaId: idea.id,
        actorId: (responders[index % responders.length] ?? lead).id,
        status: seed.status,
        response: seed.response ?? "",
        now: answeredAt,
      });
    }
    return idea;
  };
  const written = ideaSeeds.map(write);
  const duplicate = write(duplicateSeed, ideaSeeds.length);
  const darkMode = written[ideaSeeds.findIndex((s) => s.title.startsWith("Dark mode"))];
  mergeIdea({ sourceId: duplicate.id, targetId: darkMode.id, actorId: lead.id, now: at(2) });
}
