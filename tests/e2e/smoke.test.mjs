// The built site in a real browser: every view reachable through the UI, the
// reference deployment on screen, deep links that survive reload and history.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, ready, shot } from './harness.mjs';

const reference = (file) => readFileSync(new URL(`../../crates/core/reference/${file}`, import.meta.url), 'utf8');
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** The file as the code view shows it, line texts joined (line numbers left out). */
const shownText = (page) =>
  page.$$eval('.code-view .line-text', (lines) => lines.map((l) => l.textContent).join('\n'));

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

async function withPage(fn, size) {
  const page = await openPage(env, size);
  try {
    await fn(page);
    assert.deepEqual(page.problems, [], 'console errors, page errors or failed requests');
  } finally {
    await page.context().close();
  }
}

test('home page lists the reference deployment from the core model', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    await page.waitForSelector('.item[data-kind="load-balancer"]');
    assert.equal(await page.locator('.app-header .brand-name').textContent(), 'ecs-atlas');
    assert.match(await page.title(), /^Topology · inforum · ecs-atlas$/);
    const text = await page.locator('main').innerText();
    for (const expected of [
      'www.inforum.me',
      'Internet Gateway',
      'Frontend ALB',
      'Backend ALB',
      'HTTPS 443',
      'NAT gateway',
      'Private subnet A',
      'frontend service',
      'backend service',
      'ecs-front-task:24',
      'ecs-backend-task:49',
      'springboot',
      'next',
      '80 → dynamic host port',
      '4 of 4 vCPU on 1 desired instance (2 + 1 + 1)',
      'GitHub Actions',
      'Amazon ECR',
      'AWS CodePipeline',
    ]) {
      assert.ok(text.includes(expected), `topology shows ${JSON.stringify(expected)}`);
    }
    assert.equal(await page.locator('.item[data-kind="container"]').count(), 4);
    assert.equal(await page.locator('.item[data-kind="dns"]').count(), 2);
    await shot(page, 'topology');
  }));

test('every view is reachable through the navigation and shows real content', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);

    await page.click('nav.app-nav a[data-area="Task definitions"]');
    await page.waitForSelector('.code-view');
    assert.match(page.url(), /#\/taskdefs$/);
    assert.equal(await page.locator('.file-switcher .file-link').count(), 2);
    assert.equal(await page.locator('.file-title').textContent(), 'ecs-front-task.describe.json');
    const front = reference('ecs-front-task.describe.json');
    assert.equal(await page.locator('.code-line').count(), front.trimEnd().split('\n').length);
    assert.equal(await page.locator('.code-line .line-text').nth(lineOf(front, '"family"') - 1).textContent(),
      '  "family": "ecs-front-task",');
    await shot(page, 'taskdefs');

    await page.click('.file-switcher a:has-text("ecs-backend-task")');
    await page.waitForSelector('.file-title:text("ecs-backend-task.describe.json")');
    assert.match(page.url(), /#\/taskdefs\/ecs-backend-task$/);
    assert.equal(await shownText(page), reference('ecs-backend-task.describe.json').trimEnd());
    // The seed is describe output: its read-only fields are listed as problems,
    // each linking to its line and to its rule.
    const first = page.locator('.diagnostic').first();
    assert.equal(await first.locator('.position').textContent(), '2:3');
    assert.equal(await first.locator('.rule-id').textContent(), 'taskdef/read-only-field');
    assert.match(await first.locator('.message').textContent(), /^Unknown parameter in input: "taskDefinitionArn"/);
    const errors = await page.locator('.diagnostic[data-severity="error"]').count();
    assert.ok(errors >= 12, `errors listed: ${errors}`);
    assert.equal(await page.locator('.file-link.active .count.error').textContent(), String(errors));
    assert.equal(await page.locator('.code-line[data-marker="error"] .line-no').first().textContent(), '2');
    assert.ok(await page.locator('.diagnostic .rule-id:text("taskdef/redacted-value")').count() === 4);
    await first.locator('.position').click();
    await page.waitForFunction(() => location.hash === '#/taskdefs/ecs-backend-task/L2');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '2');

    await page.click('nav.app-nav a[data-area="nginx"]');
    await page.waitForSelector('.file-title:text("frontend-nginx.conf")');
    assert.match(page.url(), /#\/nginx$/);
    assert.equal(await shownText(page), reference('frontend-nginx.conf').trimEnd());
    await page.click('.file-switcher a:has-text("backend-nginx.conf")');
    await page.waitForSelector('.file-title:text("backend-nginx.conf")');
    assert.equal(await shownText(page), reference('backend-nginx.conf').trimEnd());
    await shot(page, 'nginx');

    await page.click('nav.app-nav a[data-area="Rules"]');
    await page.waitForSelector('.rule-page h2');
    assert.match(page.url(), /#\/rules$/);
    const ruleCount = await page.locator('.rule-link').count();
    assert.ok(ruleCount >= 60, `rules listed: ${ruleCount}`);
    // Words only the rule's documentation has: search covers the loaded docs.
    await page.fill('.rule-search', 'ids share one namespace');
    await page.waitForFunction(() => document.querySelectorAll('.rule-link').length === 1);
    await page.click('.rule-link');
    await page.waitForSelector('.rule-page h2:text("atlas/duplicate-id")');
    assert.match(page.url(), /#\/rules\/atlas\/duplicate-id$/);
    assert.ok((await page.locator('.rule-docs').innerText()).includes('Why it matters'));
    await shot(page, 'rules');

    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector('.topology');
    assert.match(page.url(), /#\/topology$/);

    // The topology links each task definition and nginx config to its file.
    await page.click('.item[data-id="nginx/backend"] .open-file');
    await page.waitForSelector('.file-title:text("backend-nginx.conf")');
    assert.match(page.url(), /#\/nginx\/backend$/);
  }));

test('a deep link to a line survives reload, line clicks and history', () =>
  withPage(async (page) => {
    const conf = reference('backend-nginx.conf');
    const proxyLine = lineOf(conf, 'proxy_pass');
    await page.goto(`${env.base}#/nginx/backend/L${proxyLine}`);
    await ready(page);
    const selected = page.locator('.code-line.selected');
    await selected.waitFor();
    assert.equal(await selected.locator('.line-text').textContent(), 'proxy_pass http://springboot:8080;');
    await shot(page, 'nginx-deep-link');

    await page.reload();
    await ready(page);
    await selected.waitFor();
    assert.equal(await selected.locator('.line-no').textContent(), String(proxyLine));
    assert.equal(await page.locator('nav.app-nav a.active').textContent(), 'nginx');

    await page.click('.code-line >> nth=4 >> .line-no');
    await page.waitForFunction(() => location.hash === '#/nginx/backend/L5');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '5');

    await page.goBack();
    await page.waitForFunction((n) => location.hash === `#/nginx/backend/L${n}`, proxyLine);
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), String(proxyLine));

    await page.goForward();
    await page.waitForFunction(() => location.hash === '#/nginx/backend/L5');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '5');
  }));

test('unknown addresses fall back gracefully', () =>
  withPage(async (page) => {
    await page.goto(`${env.base}#/nginx/no-such-config`);
    await ready(page);
    assert.match(await page.locator('.file-pane .notice').textContent(), /no nginx config “no-such-config”/);
    await page.goto(`${env.base}#/rules/no/such-rule`);
    await page.waitForSelector('.rule-page .notice');
    await page.goto(`${env.base}#/somewhere-else`);
    await page.waitForSelector('.topology');
  }));

test('narrow screens stack the navigation above the content', () =>
  withPage(async (page) => {
    await page.goto(`${env.base}#/taskdefs/ecs-backend-task`);
    await ready(page);
    await page.waitForSelector('.code-view');
    const nav = await page.locator('nav.app-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    assert.ok(nav.y + nav.height <= main.y + 1, 'navigation sits above the content');
    for (const hash of ['#/taskdefs/ecs-backend-task', '#/topology', '#/nginx/frontend', '#/rules']) {
      await page.goto(`${env.base}${hash}`);
      await page.waitForSelector('main > *');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${hash} is ${overflow}px wider than the screen`);
    }
    await page.goto(`${env.base}#/taskdefs/ecs-backend-task`);
    await page.waitForSelector('.code-view');
    await shot(page, 'narrow-taskdefs');
  }, { width: 390, height: 844 }));

test('the export view downloads register-ready task definitions and the nginx configs', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    await page.click('nav.app-nav a[data-area="Export"]');
    await page.waitForSelector('.export-file');
    assert.match(page.url(), /#\/export$/);
    const names = await page.$$eval('.export-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(names, ['ecs-front-task.json', 'ecs-backend-task.json', 'frontend-nginx.conf', 'backend-nginx.conf']);
    const backend = page.locator('.export-file[data-file="ecs-backend-task.json"]');
    assert.equal(
      await backend.locator('.export-command').textContent(),
      'aws ecs register-task-definition --cli-input-json file://ecs-backend-task.json',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), backend.locator('.download').click()]);
    assert.equal(download.suggestedFilename(), 'ecs-backend-task.json');
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(json.family, 'ecs-backend-task');
    for (const readOnly of ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'tags']) {
      assert.ok(!(readOnly in json), `${readOnly} is left out`);
    }
    assert.equal(json.containerDefinitions[1].links[0], 'springboot');
    const conf = page.locator('.export-file[data-file="backend-nginx.conf"]');
    const [confDownload] = await Promise.all([page.waitForEvent('download'), conf.locator('.download').click()]);
    assert.equal(readFileSync(await confDownload.path(), 'utf8'), reference('backend-nginx.conf'));
    await page.click('.export-file[data-file="ecs-front-task.json"] summary');
    await shot(page, 'export');
  }));
