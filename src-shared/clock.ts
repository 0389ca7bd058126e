/**
 * Time is an input. Every part (server, main, renderer) takes a `Clock` and asks it for the
 * instant; `systemClock` is the one place in the product's domain code that reads the wall
 * clock (a lint rule refuses `Date.now()` and `new Date()` elsewhere), so tests can pin the
 * date, jump it forward (a PC asleep over a weekend) and run on any day of the year.
 *
 * "Today" has one rule everywhere: the calendar date in Europe/Paris, where the landlord's
 * ledger, rent periods and deadlines live. A PC set to another time zone, or a server running
 * in UTC, still agrees with the landlord about which day it is (at 23:30 UTC on 31 December it
 * is already 1 January in Paris).
 */

export type Clock = () => Date;

/** The wall clock. Only process entry points (server start, app start, preview) pass this in. */
export const systemClock: Clock = () => new Date();

/**
 * A clock that starts at `startIso` and then runs at the wall clock's speed, plus whatever
 * `advance` adds (tests: "8 hours later", "the PC slept over the weekend").
 */
export function startingClock(startIso: string, base: Clock = systemClock) {
  const start = Date.parse(startIso);
  if (Number.isNaN(start)) throw new RangeError(`Not an instant: "${startIso}"`);
  const origin = base().getTime();
  let offset = 0;
  const clock: Clock = () => new Date(start + (base().getTime() - origin) + offset);
  return {
    clock,
    /** Moves this clock forward (never backward: time in the product only goes on). */
    advance(ms: number) {
      if (ms < 0) throw new RangeError('a clock only moves forward');
      offset += ms;
    },
  };
}

/** The landlord's time zone: "today", rent periods and deadlines are Paris calendar dates. */
export const LANDLORD_TIME_ZONE = 'Europe/Paris';

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: LANDLORD_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(instant: Date) {
  const parts: Record<string, string> = {};
  for (const part of parisParts.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

/** The calendar date of `instant` in Europe/Paris, "yyyy-mm-dd". */
export function parisDate(instant: Date): string {
  const parts = partsOf(instant);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The wall time of `instant` in Europe/Paris, "hh:mm" (24 h). */
export function parisTime(instant: Date): string {
  const parts = partsOf(instant);
  return `${parts.hour}:${parts.minute}`;
}
