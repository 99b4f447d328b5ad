/**
 * `npm run reputation:verify`: proves that every member's cached reputation (users.reputation) equals
 * the sum of their ledger rows (reputation_events), and that the profile's rollups (points per month,
 * members per total in a tag) equal what they summarise. Exits 1 and lists what differs.
 */
import { reputationMismatches, rollupMismatches } from "~/models/reputation.server";
import { env } from "~/utils/env.server";

const mismatches = reputationMismatches();
const rollups = rollupMismatches();
if (mismatches.length) {
  console.error(`${mismatches.length} member(s) whose reputation differs from the ledger in ${env().DATABASE_PATH}:`);
  for (const m of mismatches.slice(0, 50))
    console.error(`  @${m.handle} (id ${m.id}): cached ${m.cached}, ledger ${m.ledger}`);
}
if (rollups.months.length) {
  console.error(`${rollups.months.length} member month(s) whose rollup differs from the ledger:`);
  for (const m of rollups.months.slice(0, 50))
    console.error(`  member ${m.userId}, ${m.month}: rollup ${m.rollup}, ledger ${m.ledger}`);
}
if (rollups.standings.length) {
  console.error(`${rollups.standings.length} tag total(s) whose member count differs from tag_reputation:`);
  for (const s of rollups.standings.slice(0, 50))
    console.error(`  tag ${s.tagId}, ${s.points} points: counted ${s.counted}, members ${s.members}`);
}
if (rollups.totals.length) {
  console.error(`${rollups.totals.length} tag(s) whose count of members with points differs from tag_reputation:`);
  for (const t of rollups.totals.slice(0, 50))
    console.error(`  tag ${t.tagId}: counted ${t.counted}, members ${t.members}`);
}
if (mismatches.length || rollups.months.length || rollups.standings.length || rollups.totals.length) process.exit(1);
console.log(
  `Reputation verified: every member's total equals their ledger, and the profile's rollups equal theirs (${env().DATABASE_PATH}).`,
);
