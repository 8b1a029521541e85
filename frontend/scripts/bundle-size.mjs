// Initial JS = the entry script and the chunks index.html preloads, gzipped.
// Usage: node scripts/bundle-size.mjs [limitKB]   (run after `npm run build`)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/static\/([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
const limit = Number(process.argv[2] ?? 400);
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  initial JS (gzip), limit ${limit} KB`);
if (total / 1024 > limit) process.exit(1);
