/**
 * Dates typed as a GOV.UK date input (day, month, year) and a time (HH:MM) in Bishkek time. Asia/Bishkek
 * has been UTC+6 all year since 2005 (no daylight saving), so a fixed offset converts both ways.
 */
export const BISHKEK_OFFSET = '+06:00';
export const BISHKEK_OFFSET_MS = 6 * 3_600_000;

export interface DateTimeParts {
  day: string;
  month: string;
  year: string;
  time: string;
}

export type DateTimeProblem = 'required' | 'invalidDate' | 'invalidTime';

/** A UTC instant as the parts a Bishkek clock and calendar show. */
export function bishkekParts(value: Date | string): DateTimeParts {
  const local = new Date(new Date(value).getTime() + BISHKEK_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: String(local.getUTCDate()),
    month: String(local.getUTCMonth() + 1),
    year: String(local.getUTCFullYear()),
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
  };
}

/** The typed parts as ISO 8601 with Bishkek's offset (what the API takes), or what is wrong with them. */
export function parseBishkekDateTime(parts: DateTimeParts): { iso: string } | { problem: DateTimeProblem } {
  const [day, month, year, time] = [parts.day, parts.month, parts.year, parts.time].map((p) => p.trim());
  if (!day && !month && !year && !time) {
    return { problem: 'required' };
  }
  const date = calendarDate(day, month, year);
  if (!date) {
    return { problem: 'invalidDate' };
  }
  const { d, m, y } = date;
  const clock = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time);
  if (!clock) {
    return { problem: 'invalidTime' };
  }
  const two = (n: number | string) => String(n).padStart(2, '0');
  return { iso: `${y}-${two(m)}-${two(d)}T${two(clock[1])}:${clock[2]}:00${BISHKEK_OFFSET}` };
}

/** The typed day, month and year as a real calendar date between 2000 and 2100 (not 30 February). */
export function calendarDate(
  day: string,
  month: string,
  year: string,
): { d: number; m: number; y: number } | null {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return null;
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCDate() !== d || calendar.getUTCMonth() !== m - 1 || y < 2000 || y > 2100) {
    return null;
  }
  return { d, m, y };
}

/** The instant to the minute, as typed dates are: an untouched field compares equal to what is stored. */
export function sameMinute(a: Date | string, b: Date | string): boolean {
  return Math.floor(new Date(a).getTime() / 60_000) === Math.floor(new Date(b).getTime() / 60_000);
}
