/**
 * The floor of bench/staff-cli: the least an import of the same file costs with the same
 * libraries and none of ours. Plain Node (no tsx, no drizzle, no zod): csv-parse reads the file
 * as the CLI does (stream, `;`, trimmed), each line becomes a row (amount in cents), and the bare
 * driver (node-postgres with DATABASE_URL, else PGlite on DATA_DIR) inserts 2,000 rows per
 * transaction in one multi-row INSERT into a scratch table it drops at the end. No checks, no
 * keys, no balances: only reading and writing the lines.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [file] = process.argv.slice(2);
const BATCH = 2000;
let query;
let close;
if (process.env.DATABASE_URL) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  query = (text, params) => client.query(text, params);
  close = () => client.end();
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(process.env.DATA_DIR);
  query = (text, params) => db.query(text, params);
  close = () => db.close();
}
await query('create table if not exists bench_floor_lines (dossier text, date date, kind text, label text, amount_cents bigint, period text)');

let batch = [];
const flush = async () => {
  if (batch.length === 0) return;
  const params = [];
  const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  await query('begin');
  await query(`insert into bench_floor_lines values ${tuples.join(', ')}`, params);
  await query('commit');
  batch = [];
};
let header = true;
for await (const record of createReadStream(file).pipe(parse({ delimiter: ';', bom: true, trim: true, skip_empty_lines: true }))) {
  if (header) {
    header = false;
    continue;
  }
  const [dossier, date, kind, label, amount, period] = record;
  const [day, month, year] = date.split('/');
  batch.push([dossier, `${year}-${month}-${day}`, kind, label, Math.round(Number(amount.replace(',', '.')) * 100), period]);
  if (batch.length >= BATCH) await flush();
}
await flush();
await query('drop table bench_floor_lines');
await close();
