/**
 * `npm run reputation:verify`: proves that every member's cached reputation (users.reputation) equals
 * the sum of their ledger rows (reputation_events). Exits 1 and lists the members that differ.
 */
import { reputationMismatches } from "~/models/reputation.server";
import { env } from "~/utils/env.server";

const mismatches = reputationMismatches();
if (mismatches.length) {
  console.error(`${mismatches.length} member(s) whose reputation differs from the ledger in ${env().DATABASE_PATH}:`);
  for (const m of mismatches.slice(0, 50))
    console.error(`  @${m.handle} (id ${m.id}): cached ${m.cached}, ledger ${m.ledger}`);
  process.exit(1);
}
console.log(`Reputation verified: every member's total equals their ledger (${env().DATABASE_PATH}).`);
