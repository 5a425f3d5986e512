// Trunk post-build hook: writes a strict Content-Security-Policy into the built
// index.html. Trunk's wasm loader is an inline module script, so the policy
// allows exactly that script by its SHA-256 and nothing else inline.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
}
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('index.html already has a Content-Security-Policy');
  process.exit(1);
}
// The policy only governs what follows it, so it goes first in <head>.
html = html.replace(/<head>/, `<head>\n    ${meta}`);
writeFileSync(file, html);
console.log(`csp.mjs: policy written with ${hashes.length} inline script hash(es)`);
