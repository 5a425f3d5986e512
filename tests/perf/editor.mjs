// Measures keystroke → diagnostics in headless Chromium and prints the
// numbers: from a key's keydown to the editor stating that its diagnostics
// describe the new text (its `data-validated` catching up with
// `data-version`, which happens once the problems and squiggles are drawn).
// On each reference file, and on the 1.3 MB nginx config of the corpus
// added as a file of its own. A measurement, not a test: it fails only if
// the page breaks.
//
//   node tests/perf/editor.mjs [--dist dist] [--keys 30]
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { armLatency } from '../e2e/harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = arg('dist', 'dist');
const keys = Number(arg('keys', '30'));
const large = new URL('../../../shared/corpus/bench/large-config.conf', import.meta.url);

const server = await startServer({ dir: dist, port: 0 });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

const settled = (page) =>
  page.waitForFunction(
    () => {
      const d = document.querySelector('.code-editor')?.dataset;
      return d && d.version !== '0' && d.validated === d.version;
    },
    null,
    { timeout: 60000 },
  );

/**
 * Types `keys` keystrokes at `offset` of the text the textarea holds, or
 * where the caret is (alternately a letter and Backspace), one at a time.
 */
async function measure(page, offset) {
  await settled(page);
  const area = page.locator('textarea.editor-input');
  await area.focus();
  if (offset !== undefined) {
    await page.evaluate((at) => document.querySelector('textarea.editor-input').setSelectionRange(at, at), offset);
  }
  const results = [];
  for (let i = 0; i < keys; i += 1) {
    await armLatency(page);
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    results.push(await page.evaluate(() => window.__latency));
    // A typist's pace (about 70 words a minute), so each keystroke is
    // measured as a user meets it.
    await page.waitForTimeout(150);
  }
  return results;
}

function report(name, results) {
  const times = results.map((r) => r.ms);
  const frames = results.map((r) => r.frames);
  console.log(
    `${name.padEnd(34)} median ${ms(pct(times, 0.5)).padStart(9)}   p95 ${ms(pct(times, 0.95)).padStart(9)}   max ${ms(Math.max(...times)).padStart(9)}   frames (median/max) ${pct(frames, 0.5)}/${Math.max(...frames)}`,
  );
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, context, errors };
}

console.log(`keystroke → diagnostics drawn, ${keys} keystrokes each (headless Chromium)`);
const { page, context, errors } = await newPage();
for (const [hash, needle] of [
  ['#/taskdefs/ecs-backend-task', '"essential"'],
  ['#/taskdefs/ecs-front-task', '"essential"'],
  ['#/nginx/frontend', 'proxy_pass'],
  ['#/nginx/backend', 'proxy_pass'],
  ['#/deployment', '"services"'],
]) {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('textarea.editor-input');
  await settled(page);
  const text = await page.locator('textarea.editor-input').inputValue();
  report(hash, await measure(page, text.indexOf(needle)));
}

// The corpus config joins the deployment as one more nginx config.
await page.goto(`${base}#/nginx`);
await page.click('.add-file-toggle');
await page.setInputFiles('.add-file-upload', {
  name: 'large-config.conf',
  mimeType: 'text/plain',
  buffer: readFileSync(large),
});
await page.waitForSelector('.add-file-uploaded', { timeout: 60000 });
await page.click('.add-file-submit');
await page.waitForFunction(() => location.hash === '#/nginx/large-config', null, { timeout: 60000 });
await page.waitForSelector('textarea.editor-input');
await settled(page);
const problems = await page.locator('.diagnostics-count').textContent();
// The middle of the file, through its address: the textarea holds only the
// lines around the caret.
const middle = Math.floor(readFileSync(large, 'utf8').split('\n').length / 2);
await page.goto(`${base}#/nginx/large-config/L${middle}`);
await page.waitForSelector(`.editor-lines .code-line.selected[data-line="${middle}"]`);
report(`large-config.conf (1.3 MB, ${problems} problems)`, await measure(page));

// How long a keystroke holds the page up: the longest task while typing.
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
  }).observe({ type: 'longtask', buffered: false });
});
await page.keyboard.type('abcdefghij', { delay: 30 });
await settled(page);
console.log(`large-config.conf: longest task while typing 10 keys  ${ms(await page.evaluate(() => window.__longest))}`);

await context.close();
await browser.close();
server.close();
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
