/**
 * bench/renderer/timeline: where one reload's time goes before the balance shows. The same
 * stack as run.ts (demo server, browser preview, Debian's Chromium, signed in once), then a few
 * reloads, each printed as the page's resource timings (scripts, stylesheets, the bridge's calls)
 * in ms from navigation start: asked for, first byte, done, and whether it opened a connection.
 * A diagnostic for a person reading it, not a benchmark: it prints, asserts nothing, keeps
 * no floor. Run `electron-vite build` first.
 */
import { loadavg } from 'node:os';
import { reloadUntilBalance, startPortalStack } from './portal-stack';

const RELOADS = Number(process.env.TIMELINE_RELOADS ?? 3);

const stack = await startPortalStack();
try {
  const page = await stack.signedInPage();
  console.log(`load average ${loadavg()[0]!.toFixed(1)}`);
  for (let reload = 0; reload < RELOADS + 1; reload += 1) {
    const balance = await reloadUntilBalance(page);
    const rows = await page.evaluate(() => {
      // The page's timing entries, named through the fields read here (this file is Node-typed).
      type Timing = { name: string; startTime: number; requestStart: number; responseStart: number; responseEnd: number; connectStart: number; connectEnd: number; domContentLoadedEventEnd: number };
      // No named function in here: tsx would wrap it in a helper the page does not have.
      const [navigation] = performance.getEntriesByType('navigation' as 'resource') as unknown as Timing[];
      return {
        navigation: navigation ? { responseEnd: navigation.responseEnd, domContentLoaded: navigation.domContentLoadedEventEnd } : null,
        resources: (performance.getEntriesByType('resource') as unknown as Timing[]).map((entry) => ({
          name: new URL(entry.name).pathname.replace(/^.*\/(assets|rpc)\//, '$1/'),
          start: entry.startTime,
          request: entry.requestStart,
          firstByte: entry.responseStart,
          end: entry.responseEnd,
          connected: entry.connectEnd > entry.connectStart,
        })),
      };
    });
    // The first reload warms the host and the cache; print the others.
    if (reload === 0) continue;
    const at = (ms: number) => ms.toFixed(0).padStart(4);
    console.log(`\nreload ${reload}: balance visible at ${balance.toFixed(0)} ms; html done ${at(rows.navigation?.responseEnd ?? 0)}, DOMContentLoaded ${at(rows.navigation?.domContentLoaded ?? 0)}`);
    console.log('  asked  sent  1st byte  done  new conn  resource');
    for (const row of rows.resources.filter((entry) => entry.start <= balance).sort((a, b) => a.start - b.start)) {
      console.log(`  ${at(row.start)}  ${at(row.request)}  ${at(row.firstByte)}      ${at(row.end)}  ${row.connected ? 'yes' : '   '}       ${row.name}`);
    }
  }
} finally {
  await stack.close();
}
