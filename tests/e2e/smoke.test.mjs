// The built site in a real browser: every view reachable through the UI, the
// reference deployment on screen, deep links that survive reload and history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cameraSaved, lineOf, ready, reference, reloadWhenIdle, shot, siteUnderTest, validated } from './harness.mjs';

const EDITOR = '.code-editor textarea.editor-input';
/** The file as the editor holds it. */
const shownText = (page) => page.locator(EDITOR).inputValue();
/** The painted line with this (1-based) number. */
const row = (n) => `.editor-lines .code-line[data-line="${n}"]`;
/**
 * A painted line's text. A problem at the end of a line is drawn as a
 * squiggled space past its end, which is not part of the text.
 */
const paintedText = (line) =>
  line.locator('.line-text').evaluate((text) => {
    const last = text.lastElementChild;
    const pastEnd = last && last === text.lastChild && last.matches('[data-diagnostic]') && last.textContent === ' ';
    return pastEnd ? text.textContent.slice(0, -1) : text.textContent;
  });

const { env, withPage } = siteUnderTest();

test('home page draws the reference deployment from the core model', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    await page.waitForSelector('svg.diagram g.node[data-id="alb-backend"] text.label');
    assert.equal(await page.locator('.app-header .brand-name').textContent(), 'ecs-atlas');
    assert.match(await page.title(), /^Topology · inforum · ecs-atlas$/);
    assert.equal(await page.locator('nav.app-nav a.active').textContent(), 'Topology');
    // Every label and sublabel the diagram draws.
    const drawn = (await page.$$eval('svg.diagram g.node text', (texts) => texts.map((t) => t.textContent))).join('\n');
    for (const expected of [
      'www.inforum.me',
      'api.inforum.me',
      'Internet Gateway',
      'Frontend ALB',
      'Backend ALB',
      'HTTPS 443',
      'NAT gateway',
      'Private subnet A',
      'frontend task 1',
      'backend task 1',
      'backend task 2',
      'ecs-front-task:24',
      'ecs-backend-task:49',
      'springboot',
      'next',
      'port 80 → dynamic host port',
      'EC2 instance 1',
      'Auto Scaling group min 1 / desired 1 / max 2',
      'GitHub Actions',
      'Amazon ECR',
      'AWS CodePipeline',
    ]) {
      assert.ok(drawn.includes(expected), `the diagram shows ${JSON.stringify(expected)}`);
    }
    assert.equal(await page.locator('svg.diagram g.node.kind-container').count(), 6);
    assert.equal(await page.locator('svg.diagram g.node.kind-task').count(), 3);
    assert.equal(await page.locator('svg.diagram g.node.kind-dns').count(), 2);
    // With nothing selected, the panel says what the deployment is.
    const overview = await page.locator('.diagram-panel .overview').innerText();
    assert.ok(overview.includes('a Next.js frontend and a Spring Boot API'), overview);
    assert.ok(overview.includes('api.inforum.me stands in for it'), overview);
    await shot(page, 'topology');
    // The cluster's details carry the CPU split of its tasks.
    await page.click('svg.diagram g.node[data-id="cluster"] text.label');
    const cpu = page.locator('.details[data-node="cluster"] .fact', { has: page.locator('dt', { hasText: 'Task CPU reserved' }) });
    assert.equal(await cpu.locator('dd').textContent(), '4 of 4 vCPU on 1 desired instance (2 + 1 + 1)');
  }));

test('every view is reachable through the navigation and shows real content', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    await cameraSaved(page);
    const areas = await page.$$eval('nav.app-nav a', (links) => links.map((a) => a.dataset.area));
    assert.deepEqual(areas, ['Topology', 'Deployment', 'Task definitions', 'nginx', 'Export', 'Rules']);

    await page.click('nav.app-nav a[data-area="Deployment"]');
    await page.waitForSelector('.file-title:text("atlas.json")');
    assert.match(page.url(), /#\/deployment$/);
    assert.match(await page.title(), /^Deployment · inforum · ecs-atlas$/);
    const atlas = reference('atlas.json');
    await page.waitForSelector(row(12));
    assert.equal(await shownText(page), atlas);
    await page.click(`${row(12)} .line-no`);
    await page.waitForFunction(() => location.hash === '#/deployment/L12');
    await page.waitForSelector('.editor-lines .code-line.selected[data-line="12"]');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '12');
    assert.equal(await page.locator('.code-line.selected .line-text').textContent(), atlas.split('\n')[11]);
    await shot(page, 'deployment');

    await page.click('nav.app-nav a[data-area="Task definitions"]');
    await page.waitForSelector(EDITOR);
    assert.match(page.url(), /#\/taskdefs$/);
    assert.equal(await page.locator('.file-switcher .file-link').count(), 2);
    assert.equal(await page.locator('.file-title').textContent(), 'ecs-front-task.describe.json');
    const front = reference('ecs-front-task.describe.json');
    await validated(page);
    assert.equal(await shownText(page), front);
    assert.equal(await page.locator(`${row(lineOf(front, '"family"'))} .line-text`).textContent(),
      '  "family": "ecs-front-task",');
    await shot(page, 'taskdefs');
    // Only the lines in view are painted; scrolled to the end, the last one
    // is the file's last line.
    const lastLine = front.split('\n').length;
    await page.locator('.editor-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.waitForSelector(row(lastLine));
    assert.equal(
      await page.$eval('.editor-lines', (lines) => Math.max(...[...lines.querySelectorAll('.code-line')].map((l) => Number(l.dataset.line)))),
      lastLine,
    );

    await page.click('.file-switcher a:has-text("ecs-backend-task")');
    await page.waitForSelector('.file-title:text("ecs-backend-task.describe.json")');
    assert.match(page.url(), /#\/taskdefs\/ecs-backend-task$/);
    await validated(page);
    const backend = reference('ecs-backend-task.describe.json');
    assert.equal(await shownText(page), backend);
    // The seed is describe output: its read-only fields are listed as problems,
    // each leading to its place in the text and to its rule.
    const first = page.locator('.diagnostic').first();
    assert.equal(await first.locator('.position').textContent(), '2:3');
    assert.equal(await first.locator('.rule-id').textContent(), 'taskdef/read-only-field');
    assert.match(await first.locator('.message').textContent(), /^Unknown parameter in input: "taskDefinitionArn"/);
    const errors = await page.locator('.diagnostic[data-severity="error"]').count();
    assert.ok(errors >= 12, `errors listed: ${errors}`);
    assert.equal(await page.locator('.file-link.active .count.error').textContent(), String(errors));
    assert.equal(await page.locator('.editor-lines .code-line .line-no[data-marker="error"]').first().textContent(), '2');
    assert.ok(await page.locator('.diagnostic .rule-id:text("taskdef/redacted-value")').count() === 4);
    // A problem's position puts the caret on its line.
    await first.locator('.position').click();
    await page.waitForFunction(() => {
      const input = document.querySelector('textarea.editor-input');
      return document.activeElement === input && input.value.slice(0, input.selectionStart).split('\n').length === 2;
    });
    await page.waitForSelector('.editor-lines .code-line.current[data-line="2"]');

    await page.click('nav.app-nav a[data-area="nginx"]');
    await page.waitForSelector('.file-title:text("frontend-nginx.conf")');
    assert.match(page.url(), /#\/nginx$/);
    await validated(page);
    assert.equal(await shownText(page), reference('frontend-nginx.conf'));
    await page.click('.file-switcher a:has-text("backend-nginx.conf")');
    await page.waitForSelector('.file-title:text("backend-nginx.conf")');
    await validated(page);
    assert.equal(await shownText(page), reference('backend-nginx.conf'));
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
    await page.waitForSelector('svg.diagram g.node[data-id="svc-backend/task-1/nginx"] text.label');
    assert.match(page.url(), /#\/topology(\?zoom=[^&]+)?$/);

    // The diagram links each task definition and nginx config to its file.
    await cameraSaved(page);
    await page.click('svg.diagram g.node[data-id="svc-backend/task-1/nginx"] text.label');
    await page.waitForSelector('.details[data-node="svc-backend/task-1/nginx"]');
    await cameraSaved(page);
    await page.click('.details[data-node="svc-backend/task-1/nginx"] .open-file');
    await page.waitForSelector('.file-title:text("backend-nginx.conf")');
    assert.match(page.url(), /#\/nginx\/backend$/);
    await page.click('nav.app-nav a[data-area="Topology"]');
    await cameraSaved(page);
    await page.click('svg.diagram g.node[data-id="svc-frontend/task-1"] text.label');
    await page.waitForSelector('.details[data-node="svc-frontend/task-1"]');
    await cameraSaved(page);
    await page.click('.details[data-node="svc-frontend/task-1"] .open-file');
    await page.waitForSelector('.file-title:text("ecs-front-task.describe.json")');
    assert.match(page.url(), /#\/taskdefs\/ecs-front-task$/);
  }));

test('every view opens again after the others', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    const views = [
      ['Topology', 'svg.diagram g.node text.label'],
      ['Deployment', '.file-title:text("atlas.json")'],
      ['Task definitions', EDITOR],
      ['nginx', EDITOR],
      ['Export', '.export-file'],
      ['Rules', '.rule-page h2'],
    ];
    for (const round of [1, 2]) {
      for (const [area, content] of views) {
        await page.click(`nav.app-nav a[data-area="${area}"]`);
        const shown = await page.waitForSelector(content, { timeout: 5000 }).then(
          () => true,
          () => false,
        );
        assert.deepEqual(page.problems, [], `round ${round}: ${area}`);
        assert.ok(shown, `round ${round}: ${area} shows ${content}`);
        if (area === 'Topology') await cameraSaved(page);
        assert.equal(await page.locator('nav.app-nav a.active').textContent(), area);
      }
    }
  }));

test('the editor keeps every keystroke while a file is typed into', () =>
  withPage(async (page) => {
    for (const hash of ['#/taskdefs/ecs-backend-task', '#/nginx/backend', '#/deployment']) {
      await page.goto(`${env.base}${hash}`);
      await ready(page);
      const editor = page.locator(EDITOR);
      await editor.waitFor();
      await validated(page);
      const before = await editor.inputValue();
      await editor.focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n\n', { delay: 20 });
      await page.keyboard.type('abc', { delay: 20 });
      assert.equal(await editor.count(), 1, `${hash}: the editor is still there after typing`);
      assert.equal(await editor.inputValue(), `${before}\n\nabc`, `${hash}: every keystroke is kept`);
      await validated(page);
      const lastLine = `${before}\n\nabc`.split('\n').length;
      await page.waitForSelector(row(lastLine));
      assert.equal(await paintedText(page.locator('.editor-lines .code-line').last()), 'abc');
    }
  }));

test('a deep link to a line of atlas.json survives reload', () =>
  withPage(async (page) => {
    const atlas = reference('atlas.json');
    const line = lineOf(atlas, '"forwardTo": "tg-backend"');
    await page.goto(`${env.base}#/deployment/L${line}`);
    await ready(page);
    const selected = page.locator('.code-line.selected');
    await selected.waitFor();
    assert.equal(await page.locator('nav.app-nav a.active').textContent(), 'Deployment');
    assert.equal(await selected.locator('.line-no').textContent(), String(line));
    assert.equal(await selected.locator('.line-text').textContent(), atlas.split('\n')[line - 1]);
    await reloadWhenIdle(page);
    await ready(page);
    await selected.waitFor();
    assert.equal(await selected.locator('.line-no').textContent(), String(line));
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

    await reloadWhenIdle(page);
    await ready(page);
    await selected.waitFor();
    assert.equal(await selected.locator('.line-no').textContent(), String(proxyLine));
    assert.equal(await page.locator('nav.app-nav a.active').textContent(), 'nginx');

    await page.click(`${row(5)} .line-no`);
    await page.waitForFunction(() => location.hash === '#/nginx/backend/L5');
    // The lines are painted on the next frame.
    await page.waitForSelector('.editor-lines .code-line.selected[data-line="5"]');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '5');

    await page.goBack();
    await page.waitForFunction((n) => location.hash === `#/nginx/backend/L${n}`, proxyLine);
    await page.waitForSelector(`.editor-lines .code-line.selected[data-line="${proxyLine}"]`);
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), String(proxyLine));

    await page.goForward();
    await page.waitForFunction(() => location.hash === '#/nginx/backend/L5');
    await page.waitForSelector('.editor-lines .code-line.selected[data-line="5"]');
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), '5');
  }));

test('unknown addresses fall back gracefully', () =>
  withPage(async (page) => {
    await page.goto(`${env.base}#/nginx/no-such-config`);
    await ready(page);
    assert.match(await page.locator('.file-pane .notice').textContent(), /no nginx config “no-such-config”/);
    await page.goto(`${env.base}#/rules/no/such-rule`);
    await page.waitForSelector('.rule-page .notice');
    await page.goto(`${env.base}#/deployment/Lnope`);
    await page.waitForSelector('.file-title:text("atlas.json")');
    await page.waitForSelector('.editor-lines .code-line');
    assert.equal(await page.locator('.code-line.selected').count(), 0);
    await page.goto(`${env.base}#/somewhere-else`);
    await page.waitForSelector('svg.diagram g.node[data-id="alb-backend"] text.label');
    assert.equal(await page.locator('nav.app-nav a.active').textContent(), 'Topology');
    // A shared link to a box the diagram no longer has says so.
    await page.goto(`${env.base}#/topology?node=no-such-box`);
    assert.match(await page.locator('.diagram-panel .notice').textContent(), /The diagram has no “no-such-box”/);
    assert.equal(await page.locator('svg.diagram g.node.selected').count(), 0);
  }));

test('narrow screens stack the navigation above the content', () =>
  withPage(async (page) => {
    await page.goto(`${env.base}#/taskdefs/ecs-backend-task`);
    await ready(page);
    await page.waitForSelector(EDITOR);
    const nav = await page.locator('nav.app-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    assert.ok(nav.y + nav.height <= main.y + 1, 'navigation sits above the content');
    for (const [hash, content] of [
      ['#/taskdefs/ecs-backend-task', EDITOR],
      ['#/topology', 'svg.diagram g.node text.label'],
      ['#/deployment', EDITOR],
      ['#/nginx/frontend', EDITOR],
      ['#/rules', '.rule-page h2'],
    ]) {
      await page.goto(`${env.base}${hash}`);
      await page.waitForSelector(content);
      if (hash === '#/topology') await cameraSaved(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${hash} is ${overflow}px wider than the screen`);
      if (hash === '#/topology') {
        // A full-page screenshot resizes the window for a moment: the
        // diagram refits, so let its camera rest again before leaving.
        await shot(page, 'narrow-topology');
        await cameraSaved(page);
      }
    }
    await page.goto(`${env.base}#/taskdefs/ecs-backend-task`);
    await page.waitForSelector(EDITOR);
    await shot(page, 'narrow-taskdefs');
  }, { width: 390, height: 844 }));

test('the export view downloads register-ready task definitions and the nginx configs', () =>
  withPage(async (page) => {
    await page.goto(env.base);
    await ready(page);
    await cameraSaved(page);
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
