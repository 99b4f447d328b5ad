/** The community's time zone: days and weeks (visits, digests, health) are counted in it. */
export const COMMUNITY_TIME_ZONE = "Europe/Amsterdam";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: COMMUNITY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day of an instant in the community's time zone, as YYYY-MM-DD. */
export function communityDay(at: Date | number) {
  return dayFormat.format(at);
}

/** The Monday (YYYY-MM-DD) of the community-time week an instant falls in. */
export function communityWeek(at: Date | number) {
  const [y, m, d] = communityDay(at).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

const hourFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: COMMUNITY_TIME_ZONE,
  hour: "2-digit",
  hourCycle: "h23",
});

// Days asked for are few (a year of weeks and days) and each costs an Intl formatting (2.5 ms per /health view
// for the come-back comparison's thousands of members): kept, and dropped wholesale if ever many.
const midnights = new Map<string, number>();

/** The instant a community-time day (YYYY-MM-DD) begins. */
export function communityMidnight(day: string) {
  let at = midnights.get(day);
  if (at === undefined) {
    const [y, m, d] = day.split("-").map(Number);
    const utcMidnight = Date.UTC(y, m - 1, d);
    // Amsterdam is UTC+1 or +2: UTC midnight reads 01:00 or 02:00 there.
    at = utcMidnight - Number(hourFormat.format(utcMidnight)) * 60 * 60 * 1000;
    if (midnights.size >= 10_000) midnights.clear();
    midnights.set(day, at);
  }
  return new Date(at);
}

export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, zone: string) {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormats.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** "2026-12-01T18:30" on the wall clock of `zone` → the instant. Null for a malformed or nonexistent time. */
export function zonedToInstant(local: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment, corrected once for a DST change in between.
  let instant = asUtc;
  for (let i = 0; i < 2; i++) instant = asUtc - (Date.parse(`${wallClock(instant, zone)}:00Z`) - instant);
  return wallClock(instant, zone) === local ? new Date(instant) : null;
}

/** The instant as "YYYY-MM-DDTHH:mm" on the wall clock of `zone` (for datetime-local inputs). */
export function instantToZoned(at: Date | number, zone: string) {
  return wallClock(typeof at === "number" ? at : at.getTime(), zone);
}

/**
 * SQLite text for the community-time date-time of a millisecond timestamp column, so SQL counts the
 * same days and weeks as communityDay and communityWeek: Amsterdam is UTC+2 from 01:00 UTC on the last
 * Sunday of March until 01:00 UTC on the last Sunday of October, UTC+1 otherwise.
 */
export function communityTimeSql(column: string) {
  const utc = `datetime(${column} / 1000, 'unixepoch')`;
  // Start of year + n months - 7 days, then the next Sunday: the last Sunday of month n (1-based: 3, 10).
  const lastSunday = (month: number) =>
    `datetime(${column} / 1000, 'unixepoch', 'start of year', '+${month} months', '-7 days', 'weekday 0', '+1 hour')`;
  return `datetime(${column} / 1000, 'unixepoch', case when ${utc} >= ${lastSunday(3)} and ${utc} < ${lastSunday(10)} then '+2 hours' else '+1 hour' end)`;
}

/** SQLite text for the community day (YYYY-MM-DD) of a millisecond timestamp column. */
export const communityDaySql = (column: string) => `date(${communityTimeSql(column)})`;

/** SQLite text for the Monday of the community week of a millisecond timestamp column. */
export const communityWeekSql = (column: string) => `date(${communityTimeSql(column)}, '-6 days', 'weekday 1')`;
