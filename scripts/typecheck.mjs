// Type checks every tsconfig that has files (a root tsconfig with `files: []` would check
// nothing), then the Svelte components with svelte-check.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  [bin('tsc'), ['-p', 'tsconfig.node.json']],
  // Browser-side code in Playwright specs (page.evaluate) needs the DOM types.
  [bin('tsc'), ['-p', 'tsconfig.e2e.json']],
  [bin('svelte-check'), ['--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings']],
  // The staff console (server/console): its own Svelte app, built by `npm run -w server build:console`.
  [bin('svelte-check'), ['--tsconfig', './server/console/tsconfig.json', '--fail-on-warnings']],
];
for (const [command, args] of steps) {
  console.log(`> ${command.split('/').pop()} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
