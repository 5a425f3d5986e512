// Measures the diagram in headless Chromium and prints the numbers: time
// from navigation to a drawn diagram, and the frame times of dragging and
// wheel-zooming it, on the reference deployment and on a generated one with
// 50 services of 10 tasks (500 tasks). A measurement, not a test: it fails
// only if the page breaks.
//
//   node tests/perf/diagram.mjs [--dist dist] [--runs 5]
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = arg('dist', 'dist');
const runs = Number(arg('runs', '5'));

const sample = JSON.parse(
  execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'ecs-atlas-cli', '--', 'sample', '--services', '50', '--tasks', '10'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }),
);

const server = await startServer({ dir: dist, port: 0 });
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

/** A page whose localStorage holds `workspace` (as the app saves edits), or nothing. */
async function open(workspace) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (workspace) {
    await context.addInitScript((w) => {
      if (localStorage.getItem('ecs-atlas/deployment')) return;
      localStorage.setItem('ecs-atlas/deployment', w.deployment.name);
      localStorage.setItem(`ecs-atlas/file/${w.deployment.name}`, w.deployment.text);
      localStorage.setItem('ecs-atlas/files', w.artifacts.map((f) => f.name).join('\n'));
      for (const f of w.artifacts) localStorage.setItem(`ecs-atlas/file/${f.name}`, f.text);
    }, workspace);
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, context, errors };
}

async function drawn(workspace, tasks) {
  const { page, context, errors } = await open(workspace);
  await page.goto(base);
  await page.waitForFunction(
    (n) => document.querySelectorAll('svg.diagram g.node.kind-task').length >= n && document.querySelector('svg.diagram')?.getAttribute('viewBox'),
    tasks,
    { timeout: 60000 },
  );
  // Until the frame that shows it has been painted.
  const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
  const boxes = await page.locator('svg.diagram g.node').count();
  await context.close();
  if (errors.length) throw new Error(errors.join('\n'));
  return { t, boxes };
}

/** Frame intervals while the page drags (one pointer move per frame) and wheel-zooms. */
async function frames(workspace, tasks) {
  const { page, context, errors } = await open(workspace);
  await page.goto(base);
  await page.waitForFunction((n) => document.querySelectorAll('svg.diagram g.node.kind-task').length >= n, tasks, { timeout: 60000 });
  const box = await page.locator('.diagram-canvas').boundingBox();
  const result = await page.evaluate(async ({ x, y }) => {
    const canvas = document.querySelector('.diagram-canvas');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const measure = async (count, act) => {
      const times = [];
      let last = await frame();
      for (let i = 0; i < count; i++) {
        act(i);
        const now = await frame();
        times.push(now - last);
        last = now;
      }
      return times;
    };
    const pointer = (type, px, py) =>
      canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, button: 0, buttons: 1, clientX: px, clientY: py, isPrimary: true }));
    pointer('pointerdown', x, y);
    const pan = await measure(60, (i) => pointer('pointermove', x + 10 + i * 4, y + 10 + i * 2));
    pointer('pointerup', x + 250, y + 130);
    const zoom = await measure(60, (i) =>
      canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: i % 20 < 10 ? -60 : 60, clientX: x, clientY: y })),
    );
    return { pan, zoom };
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  // A what-if change re-places every task and redraws the whole diagram.
  await page.click('.capacity-button');
  await page.waitForSelector('.diagram-panel.capacity .stepper[data-asg="desired"] button');
  const redraw = [];
  for (let i = 0; i < 5; i++) {
    const button = i % 2 ? 'Lower' : 'Raise';
    redraw.push(
      await page.evaluate((label) => {
        const t = performance.now();
        document.querySelector(`button[aria-label="${label} the group's desired"]`).click();
        return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t))));
      }, button),
    );
  }
  result.redraw = redraw;
  await context.close();
  if (errors.length) throw new Error(errors.join('\n'));
  return result;
}

for (const [label, workspace, tasks] of [
  ['reference deployment (3 tasks)', null, 3],
  ['generated: 50 services, 500 tasks', sample, 500],
]) {
  const loads = [];
  let boxes = 0;
  for (let i = 0; i < runs; i++) {
    const r = await drawn(workspace, tasks);
    loads.push(r.t);
    boxes = r.boxes;
  }
  const { pan, zoom, redraw } = await frames(workspace, tasks);
  console.log(`${label}: ${boxes} boxes`);
  console.log(`  navigation → diagram drawn: median ${ms(median(loads))}, best ${ms(Math.min(...loads))} (${runs} loads)`);
  console.log(`  drag frame:  median ${ms(median(pan))}, p95 ${ms(pct(pan, 0.95))}, max ${ms(Math.max(...pan))}`);
  console.log(`  wheel frame: median ${ms(median(zoom))}, p95 ${ms(pct(zoom, 0.95))}, max ${ms(Math.max(...zoom))}`);
  console.log(`  what-if change → diagram re-placed and redrawn: median ${ms(median(redraw))} (${redraw.length} changes)`);
}

await browser.close();
server.close();
