/**
 * Demo meetups: 34 past ones with RSVPs and check-ins (attendance fades with the community's decline)
 * and 10 upcoming ones in Dutch and Belgian cities and online, two of them full with a waitlist. Built
 * through the model functions with past clocks, so waitlists, reputation and activities are real.
 */
import { and, eq } from "drizzle-orm";
import { events, rsvps, users } from "~db/schema";
import { createEvent } from "~/models/event.server";
import { rsvp, setAttendance } from "~/models/rsvp.server";
import { db } from "~/utils/db.server";
import { createRandom } from "../test/factories";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const PLACES = [
  { city: "Utrecht", venue: "Nordlicht Data HQ", address: "Oudegracht 120, 3511 AZ Utrecht" },
  { city: "Amsterdam", venue: "Pakhuis de Zwijger", address: "Piet Heinkade 179, 1019 HC Amsterdam" },
  { city: "Rotterdam", venue: "Cambridge Innovation Center", address: "Stationsplein 45, 3013 AK Rotterdam" },
  { city: "Eindhoven", venue: "High Tech Campus Conference Center", address: "High Tech Campus 1, 5656 AE Eindhoven" },
  { city: "Gent", venue: "De Krook", address: "Miriam Makebaplein 1, 9000 Gent" },
  { city: "Antwerpen", venue: "Startup Village", address: "Sint-Pietersvliet 7, 2000 Antwerpen" },
  { city: "Brussel", venue: "BeCentral", address: "Cantersteen 12, 1000 Brussel" },
  { city: "Leuven", venue: "Hal 5", address: "Diestsesteenweg 2, 3010 Leuven" },
];

const TOPICS: { title: string; tags: string[]; lang: "nl" | "en" }[] = [
  { title: "Lakehouse-avond: van ruwe data naar dashboards", tags: ["data-warehouse", "sql"], lang: "nl" },
  { title: "Kubernetes in production: war stories", tags: ["kubernetes"], lang: "en" },
  { title: "Ronde tafel: AVG en datadeling met partners", tags: ["security"], lang: "nl" },
  { title: "dbt and data quality, hands-on", tags: ["sql", "data-quality"], lang: "en" },
  { title: "Borrel & lightning talks", tags: ["community"], lang: "nl" },
  { title: "Streaming pipelines with Kafka", tags: ["pipelines"], lang: "en" },
  { title: "Klantdag: roadmap en co-creatie", tags: ["roadmap"], lang: "nl" },
  { title: "Observability for data platforms", tags: ["monitoring"], lang: "en" },
];

export function seedEvents({ now }: { now: number }) {
  if (db.select({ id: events.id }).from(events).limit(1).get()) return; // idempotent: once per database
  const rng = createRandom(777);
  const everyone = db.select({ id: users.id, role: users.role, joinedAt: users.createdAt }).from(users).all();
  // Only members who had joined by then host or answer (the seed keeps its own clock).
  const joinedBy = (at: Date) => everyone.filter((p) => p.joinedAt <= at);
  const founded = Math.min(...everyone.map((p) => p.joinedAt.getTime()));
  const plan: { startsAt: number; online: boolean; capacity: number | null; interest: number }[] = [];
  // Past: roughly every eight days over nine months, busier around the community's peak.
  for (let i = 0; i < 34; i++) {
    const daysAgo = 265 - i * 7.8;
    const peak = Math.exp(-(((daysAgo - 150) / 70) ** 2));
    plan.push({
      startsAt: now - daysAgo * DAY,
      online: i % 5 === 4,
      capacity: i % 3 === 0 ? null : 25 + (i % 4) * 10,
      interest: 6 + Math.round(26 * peak),
    });
  }
  for (let i = 0; i < 10; i++) {
    const full = i === 1 || i === 4;
    plan.push({
      startsAt: now + (4 + i * 6) * DAY,
      online: i % 4 === 3,
      capacity: full ? 12 : i % 3 === 0 ? null : 40,
      interest: full ? 24 : 5 + (i % 5) * 2,
    });
  }
  plan.forEach((item, index) => {
    const topic = TOPICS[index % TOPICS.length];
    const place = PLACES[index % PLACES.length];
    const start = new Date(item.startsAt);
    start.setUTCHours(rng.int(0, 1) ? 16 : 17, 0, 0, 0); // 17:00 or 18:00 in Amsterdam in winter
    // Announced three weeks ahead, or some days ago for meetups further out: never in the future, and
    // not before the community existed.
    const created = new Date(Math.max(Math.min(start.getTime() - 21 * DAY, now - (3 + (index % 4)) * DAY), founded));
    const people = joinedBy(created);
    const host = rng.pick(people.filter((p) => p.role !== "member"));
    const event = createEvent({
      title: `${topic.title}${item.online ? " (online)" : ` · ${place.city}`}`,
      description:
        topic.lang === "nl"
          ? "Een avond met korte talks van klanten en partners, daarna tijd om bij te praten. Neem je vragen mee: de experts zijn er ook."
          : "An evening of short talks by customers and partners, then time to talk. Bring your questions: the experts will be there.",
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * HOUR),
      timezone: "Europe/Amsterdam",
      venue: item.online ? "" : place.venue,
      address: item.online ? "" : place.address,
      city: item.online ? "" : place.city,
      onlineUrl: item.online ? "https://meet.kring.example/live" : "",
      capacity: item.capacity,
      rsvpDeadline: null,
      tags: topic.tags,
      hostIds: [host.id],
      createdBy: host.id,
      now: created,
    });
    const answering = people.filter((p) => p.id !== host.id && rng.next() < item.interest / people.length);
    answering.forEach((person, i) => {
      const status = rng.next() < 0.8 ? "going" : rng.next() < 0.5 ? "maybe" : "not_going";
      rsvp({
        eventId: event.id,
        userId: person.id,
        status,
        note: i % 7 === 0 ? "Vegetarisch, graag" : "",
        now: new Date(created.getTime() + (i + 1) * HOUR),
      });
    });
    if (item.startsAt > now) return;
    // Most who said they would come did; the hosts checked them in on the night.
    const going = db
      .select({ userId: rsvps.userId })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.status, "going")))
      .all();
    for (const { userId } of going) {
      if (rng.next() < 0.8)
        setAttendance({
          eventId: event.id,
          userId,
          attended: true,
          byId: host.id,
          now: new Date(start.getTime() + HOUR),
        });
    }
  });
}
