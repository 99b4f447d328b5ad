import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n.server";
import { peopleText } from "./text";
import { volumeTrend, whoIsGoing, type PeopleRow } from "./tag-trend";

const series = (counts: number[]) => ({ weighted: counts, counts });
/** An irregular trickle of one or two answers a week over the 24 weeks judged (oldest first). */
const TRICKLE = [1, 2, 1, 0, 2, 1, 1, 2, 0, 1, 2, 1, 1, 3, 1, 0, 1, 2, 1, 1, 2, 0, 1, 1];

describe("a declining tag or organisation", () => {
  it("does not call one busy thread ending a decline: a steady trickle with a 30-answer thread 10 weeks ago", () => {
    const counts = [...TRICKLE];
    counts[counts.length - 1 - 10] += 30;
    const trend = volumeTrend(series(counts));
    // Read plainly the tag lost most of its volume, and a Poisson test would call that a drop (e^8) ...
    expect(trend.change).toBeLessThan(-0.6);
    expect(trend.evidence * trend.dispersion).toBeGreaterThan(3);
    // ... but the weeks swing twelvefold more than a Poisson count: the clump explains the fall.
    expect(trend.dispersion).toBeGreaterThan(10);
    expect(trend.state).toBeNull();
  });

  it("flags a tag whose askers stop: three questions and six answers a week, then only a few late answers", () => {
    const trend = volumeTrend(series([...Array<number>(20).fill(9), 2, 2, 2, 2]));
    expect(trend).toMatchObject({ state: "cooling", baselineCount: 108, recentCount: 8 });
    expect(trend.evidence).toBeGreaterThan(10);

    // Three askers a block before and none now; four answerers before, three still answering.
    const rows: PeopleRow[] = [0, 1, 2].flatMap((block) => [
      { key: 7, verb: "question", block, people: 3 },
      { key: 7, verb: "answer", block, people: 4 },
    ]);
    rows.push({ key: 7, verb: "answer", block: 3, people: 3 });
    const people = whoIsGoing(rows, [7]).get(7)!;
    expect(people).toEqual({
      askers: { before: 3, recent: 0, going: true },
      answerers: { before: 4, recent: 3, going: false },
    });
    expect(peopleText(translator("en"), people)).toBe(
      "Askers per 4 weeks: 3 before, 0 in the last 4; answerers: 4 before, 3 in the last 4: askers going",
    );
  });

  it("still flags a real drop in a clumpy tag, and leaves small or steady ones alone", () => {
    const clumpy = [8, 20, 6, 15, 9, 25, 7, 12, 10, 18, 5, 14, 9, 22, 6, 13, 11, 19, 7, 16];
    expect(volumeTrend(series([...clumpy, 1, 2, 0, 1])).state).toBe("cooling");
    expect(volumeTrend(series([...clumpy, 0, 0, 0, 0])).state).toBe("gone_quiet");
    expect(volumeTrend(series([...clumpy, 14, 9, 20, 11])).state).toBeNull();
    // Under one contribution a week in the baseline: too small to judge.
    expect(volumeTrend(series([...Array<number>(20).fill(0.5), 0, 0, 0, 0])).state).toBeNull();
  });

  it("tells answerers going from both going, and needs one a block before to call anyone going", () => {
    const rows = (askers: [number, number], answerers: [number, number]): PeopleRow[] =>
      [0, 1, 2, 3].flatMap((block) => [
        { key: 1, verb: "question", block, people: block < 3 ? askers[0] : askers[1] },
        { key: 1, verb: "answer", block, people: block < 3 ? answerers[0] : answerers[1] },
      ]);
    const t = translator("en");
    expect(peopleText(t, whoIsGoing(rows([5, 5], [4, 1]), [1]).get(1)!)).toMatch(/: answerers going$/);
    expect(peopleText(t, whoIsGoing(rows([5, 2], [4, 1]), [1]).get(1)!)).toMatch(/: askers and answerers going$/);
    // Less than one asker a block before: too few to say they are going.
    expect(whoIsGoing(rows([0.5, 0], [4, 4]), [1]).get(1)!.askers.going).toBe(false);
    expect(peopleText(t, whoIsGoing([], [1]).get(1)!)).toBe("");
  });
});
