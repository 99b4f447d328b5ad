/** The community's time zone: days and weeks (visits, digests, health) are counted in it. */
export const COMMUNITY_TIME_ZONE = "Europe/Amsterdam";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: COMMUNITY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

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

const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: COMMUNITY_TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/** The instant a community-time day (YYYY-MM-DD) begins. */
export function communityMidnight(day: string) {
  const [y, m, d] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Amsterdam is UTC+1 or +2: UTC midnight reads 01:00 or 02:00 there.
  const offsetHours = Number(hourFormat.format(utcMidnight));
  return new Date(utcMidnight - offsetHours * 60 * 60 * 1000);
}
