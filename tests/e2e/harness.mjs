// Shared setup for the browser tests: a loopback server for the built site, a
// headless Debian Chromium, and a page that records every console error, page
// error, failed request and request to another origin, so each test can
// assert that none happened.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const DIST = process.env.E2E_DIST ?? 'dist';
export const PREFIX = process.env.E2E_PREFIX ?? '/';
export const LABEL = PREFIX === '/' ? 'root' : PREFIX.replaceAll('/', '');
export const SHOTS = join('tests', 'e2e', 'artifacts', LABEL);

/** A file of the reference deployment, as the site ships it. */
export const reference = (file) => readFileSync(new URL(`../../crates/core/reference/${file}`, import.meta.url), 'utf8');
/** The 1-based line of the first line of `text` containing `needle`. */
export const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

export async function launch() {
  const server = await startServer({ dir: DIST, port: 0, prefix: PREFIX });
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * The built site and a browser for one test file: launched before its tests
 * and closed after them. `env` is filled in once they run; `withPage` runs a
 * test on a fresh page of it.
 */
export function siteUnderTest() {
  const env = {};
  before(async () => {
    Object.assign(env, await launch());
  });
  after(async () => {
    await env.close?.();
  });
  return { env, withPage: (fn, size) => withFreshPage(env, fn, size) };
}

/** A fresh page whose `problems` list collects everything that must not happen. */
export async function openPage(env, { width = 1440, height = 900 } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(env.base).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // Requests in flight, so a reload can wait for them instead of cutting one
  // short (the browser fetches the favicon whenever it likes).
  const inFlight = new Set();
  page.on('request', (req) => inFlight.add(req));
  page.on('requestfinished', (req) => inFlight.delete(req));
  // A request the page's own navigation cut short (a reload while the
  // browser fetches the favicon) is aborted, not broken: an abort counts as
  // a problem only when no navigation of the page came within a second of it.
  const aborted = [];
  const navigations = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(Date.now());
  });
  page.on('requestfailed', (req) => {
    inFlight.delete(req);
    const message = `request failed: ${req.url()} ${req.failure()?.errorText}`;
    if (req.failure()?.errorText === 'net::ERR_ABORTED') aborted.push({ at: Date.now(), message });
    else problems.push(message);
  });
  page.inFlight = inFlight;
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      problems.push(`request to another origin: ${req.url()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  Object.defineProperty(page, 'problems', {
    get: () => [
      ...problems,
      ...aborted.filter((a) => !navigations.some((n) => Math.abs(n - a.at) < 1000)).map((a) => a.message),
    ],
  });
  return page;
}

/** Waits until the app has mounted (its navigation is in the DOM). */
export async function ready(page) {
  await page.waitForSelector('nav.app-nav a.active', { timeout: 15000 });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Runs `fn` on a fresh page in a browser context of its own (so edits saved
 * in localStorage never leak between tests), then fails on anything the
 * page recorded in `page.problems`.
 */
export async function withFreshPage(env, fn, size) {
  const page = await openPage(env, size);
  try {
    await fn(page);
    assert.deepEqual(page.problems, [], 'console errors, page errors or failed requests');
  } finally {
    await page.context().close();
  }
}

/**
 * Waits until the diagram is drawn, its camera rests and has been written to
 * the address (250 ms after the last move), so a test that leaves the page
 * tests what it is about, not that write.
 */
export async function cameraSaved(page) {
  await page.waitForSelector('svg.diagram g.node text.label');
  await page.waitForFunction(
    () => /[?&]zoom=/.test(location.hash) && document.querySelector('svg.diagram').style.transform === 'none',
  );
  await page.waitForTimeout(300);
}

/**
 * Waits until the diagnostics describe the text in the editor, and, given the
 * version of an earlier text, until that text has been replaced.
 */
export async function validated(page, since) {
  await page.waitForFunction((earlier) => {
    const editor = document.querySelector('.code-editor');
    return (
      editor &&
      editor.dataset.version !== '0' &&
      editor.dataset.version !== earlier &&
      editor.dataset.validated === editor.dataset.version
    );
  }, since ?? null);
}

/**
 * Opens the file at `hash` and replaces its text in the editor with
 * `change(text)`, as a user would; returns the text before. Returns once the
 * diagnostics describe the new text, so callers see its problems.
 */
export async function editText(page, base, hash, change) {
  await page.goto(`${base}${hash}`);
  await ready(page);
  const editor = page.locator('.code-editor textarea.editor-input');
  await editor.waitFor();
  await validated(page);
  const before = await editor.inputValue();
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${hash} changes the text`);
  const version = await page.getAttribute('.code-editor', 'data-version');
  await editor.fill(after);
  await validated(page, version);
  return before;
}

/**
 * Reloads the page once none of its requests has been in flight for a
 * quarter of a second, so none is cut short: the browser fetches the
 * favicon when it likes, also a moment after a navigation within the page.
 */
export async function reloadWhenIdle(page) {
  const deadline = Date.now() + 10000;
  let quiet = 0;
  while (quiet < 5 && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    quiet = page.inFlight.size === 0 ? quiet + 1 : 0;
  }
  await page.reload();
}

/**
 * Counts the animation frames between the next keydown in the page and the
 * editor saying its diagnostics describe the new text, and the milliseconds.
 */
export async function armLatency(page) {
  await page.evaluate(() => {
    const editor = document.querySelector('.code-editor');
    window.__latency = new Promise((resolve) => {
      document.addEventListener(
        'keydown',
        (down) => {
          const started = down.timeStamp;
          let frames = 0;
          let counting = true;
          const tick = () => {
            if (!counting) return;
            frames += 1;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const observer = new MutationObserver(() => {
            if (editor.dataset.validated === editor.dataset.version && editor.dataset.version !== window.__versionBefore) {
              counting = false;
              observer.disconnect();
              resolve({ frames, ms: performance.now() - started });
            }
          });
          observer.observe(editor, { attributes: true, attributeFilter: ['data-validated', 'data-version'] });
        },
        { once: true, capture: true },
      );
    });
    window.__versionBefore = editor.dataset.version;
  });
}
