/**
 * The date the tests run at, whatever the real day is (issue 12, "time is an input"). Every test
 * server and test desktop core starts its clock here unless a test pins another instant, so the
 * demo data, and every amount and period a test expects, are the same on any day of the year.
 *
 * A Wednesday in mid-March, 10:30 in Paris: the demo month's rent was posted on the 1st, the
 * direct debit taken on the 3rd and the APL received on the 5th, so the demo dossier is paid up.
 * Tests of the days that are not (the 1st, before the debit) pin their own instant.
 */
import { parisDate, startingClock, type Clock } from '../../src-shared/clock';

export const TEST_NOW = '2026-03-18T09:30:00Z';
/** TEST_NOW's Paris calendar date, "today" for every test that does not pin its own instant. */
export const TEST_TODAY = parisDate(new Date(TEST_NOW));

/** A clock starting at `startIso` (default TEST_NOW) and running at real speed; `advance` jumps it. */
export function testClock(startIso: string = TEST_NOW) {
  return startingClock(startIso);
}

/** The landlord's "today" (Paris calendar date, yyyy-mm-dd) by this clock. */
export const todayBy = (clock: Clock): string => parisDate(clock());

/** Env variable naming the instant a child process (crash test worker) starts its clock at. */
export const CLOCK_START_ENV = 'TEST_CLOCK_START';

/**
 * In a child process the parent started (a crash test's worker): a clock that continues from the
 * parent's server time given in TEST_CLOCK_START (each life would otherwise start over at TEST_NOW
 * and see time go backwards across restarts).
 */
export function clockFromEnv(): Clock {
  return testClock(process.env[CLOCK_START_ENV] ?? TEST_NOW).clock;
}
