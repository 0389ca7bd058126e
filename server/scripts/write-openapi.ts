/** Writes docs/api/openapi.json from the running route definitions (`npm run -w server openapi`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../src/app';

const target = fileURLToPath(new URL('../../docs/api/openapi.json', import.meta.url));
const app = await buildServer({ db: { kind: 'pglite' }, passwordHashing: 'fast' });
await app.ready();
mkdirSync(fileURLToPath(new URL('../../docs/api', import.meta.url)), { recursive: true });
writeFileSync(target, JSON.stringify(app.swagger(), null, 2) + '\n');
await app.close();
console.log(`wrote ${target}`);
