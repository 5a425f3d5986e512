// Prints the raw and gzip size of every file of a built site and the totals.
//   node scripts/size.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const BUDGET_GZIP = 250 * 1024;

function* files(path) {
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [...files(dir)].map((file) => {
  const bytes = readFileSync(file);
  return { file: relative(dir, file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const width = Math.max(4, ...rows.map((r) => r.file.length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(10)}`);
const raw = rows.reduce((s, r) => s + r.raw, 0);
const gzip = rows.reduce((s, r) => s + r.gzip, 0);
console.log(`${'total'.padEnd(width)}  ${kb(raw).padStart(10)}  ${kb(gzip).padStart(10)}`);
console.log(`gzip budget ${kb(BUDGET_GZIP)}: ${gzip <= BUDGET_GZIP ? 'within' : 'OVER'} (${((gzip / BUDGET_GZIP) * 100).toFixed(0)}% used)`);
