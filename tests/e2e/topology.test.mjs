// The home page's diagram in a real browser: every part of the reference
// deployment drawn, details for a box, hover, request paths, capacity,
// live edits, the camera, keyboard use, downloads and shared links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cameraSaved, editText, ready, reference, reloadWhenIdle, shot, SHOTS, siteUnderTest } from './harness.mjs';

const { env, withPage } = siteUnderTest();

const node = (id) => `svg.diagram g.node[data-id="${id}"]`;

/** Opens the diagram (optionally with a query) and waits until it is drawn. */
async function openDiagram(page, query = '') {
  await page.goto(`${env.base}#/topology${query}`);
  await drawn(page);
}

async function drawn(page) {
  await ready(page);
  await page.waitForSelector(`${node('alb-backend')} text.label`);
  await page.waitForFunction(() => /%$/.test(document.querySelector('.zoom-level')?.textContent ?? ''));
}

/** Whether the selector matches within a few seconds. */
async function appears(page, selector) {
  try {
    await page.waitForSelector(selector, { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** Reloads once the page's own requests are done, so none is cut short. */
async function reload(page) {
  await reloadWhenIdle(page);
  await drawn(page);
}

/** Whether the box gets the class within a few seconds. */
const gets = (page, id, cls) => appears(page, `${node(id)}.${cls}`);

/**
 * What a reader would see as broken in the drawing: boxes that overlap
 * without one holding the other, text or glyphs that run out of their box,
 * and badges or step markers drawn over a box's text.
 */
const layoutProblems = (page) =>
  page.evaluate(() => {
    const problems = [];
    const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const holds = (o, i) =>
      i.x >= o.x - 0.5 && i.y >= o.y - 0.5 && i.x + i.width <= o.x + o.width + 0.5 && i.y + i.height <= o.y + o.height + 0.5;
    const boxes = [...document.querySelectorAll('svg.diagram g.node')].map((g) => ({
      id: g.dataset.id,
      g,
      rect: g.querySelector(':scope > rect').getBBox(),
    }));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (hit(a.rect, b.rect) && !holds(a.rect, b.rect) && !holds(b.rect, a.rect)) {
          problems.push(`boxes ${a.id} and ${b.id} overlap`);
        }
      }
      for (const part of a.g.querySelectorAll('text, use')) {
        if (!holds(a.rect, part.getBBox())) {
          problems.push(`${a.id}: ${part.getAttribute('class') ?? 'glyph'} ${JSON.stringify(part.textContent)} runs out of its box`);
        }
      }
    }
    // A badge is a circle: it covers text only where the circle reaches it.
    const covers = (marker, b) => {
      const circle = marker.querySelector('circle');
      if (!circle) return hit(marker.getBBox(), b);
      const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => Number(circle.getAttribute(a)));
      const dx = Math.max(b.x - cx, 0, cx - (b.x + b.width));
      const dy = Math.max(b.y - cy, 0, cy - (b.y + b.height));
      return dx * dx + dy * dy < r * r;
    };
    for (const marker of document.querySelectorAll('svg.diagram g.badge, svg.diagram g.step-marker')) {
      const owner = boxes.find((b) => b.id === marker.dataset.node);
      for (const text of owner?.g.querySelectorAll('text') ?? []) {
        if (covers(marker, text.getBBox())) {
          problems.push(`${marker.getAttribute('class')} of ${owner.id} covers ${JSON.stringify(text.textContent)}`);
        }
      }
    }
    return problems;
  });

const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const zoomLevel = async (page) => Number.parseInt(await page.locator('.zoom-level').textContent(), 10);
const viewBox = (page) =>
  page.$eval('svg.diagram', (svg) => svg.getAttribute('viewBox').split(/\s+/).map(Number));
const classesOf = (page, id) => page.$eval(node(id), (g) => [...g.classList]);

const BOXES = [
  'browser',
  'dns-www',
  'dns-api',
  'igw',
  'vpc',
  'az-a',
  'az-b',
  'public-a',
  'public-b',
  'private-a',
  'private-b',
  'nat',
  'alb-frontend',
  'alb-backend',
  'tg-frontend',
  'tg-backend',
  'cluster',
  'instance-1',
  'svc-frontend/task-1',
  'svc-backend/task-1',
  'svc-backend/task-2',
  'svc-frontend/task-1/nginx',
  'svc-frontend/task-1/next',
  'svc-backend/task-1/nginx',
  'svc-backend/task-1/springboot',
  'svc-backend/task-2/nginx',
  'svc-backend/task-2/springboot',
  'github',
  'github-actions',
  'ecr',
  'codepipeline',
  'ecs-deploy',
];

test('the diagram draws every part of the reference deployment', () =>
  withPage(async (page) => {
    await openDiagram(page);
    const drawn = await page.$$eval('svg.diagram g.node', (gs) => gs.map((g) => g.dataset.id));
    assert.deepEqual([...drawn].sort(), [...BOXES].sort());

    // Each box: a glyph that resolves to a symbol, and a readable label.
    const boxes = await page.$$eval('svg.diagram g.node', (gs) =>
      gs.map((g) => {
        const use = g.querySelector('use');
        const href = use?.getAttribute('href') ?? '';
        const label = g.querySelector('text.label');
        const style = label && getComputedStyle(label);
        return {
          id: g.dataset.id,
          glyph: href.startsWith('#') && !!document.getElementById(href.slice(1)) && use.getBBox().width > 0,
          label: label?.textContent ?? '',
          fontSize: style ? Number.parseFloat(style.fontSize) : 0,
          visible: style?.visibility === 'visible' && style?.display !== 'none' && Number(style?.opacity) > 0.5,
        };
      }),
    );
    for (const b of boxes) {
      assert.ok(b.glyph, `${b.id} has a glyph`);
      assert.ok(b.label.trim().length > 0, `${b.id} has a label`);
      assert.ok(b.fontSize >= 11, `${b.id}'s label is ${b.fontSize}px`);
      assert.ok(b.visible, `${b.id}'s label is visible`);
    }

    const edges = await page.$$eval('svg.diagram polyline.edge[data-id]', (ps) =>
      ps.map((p) => ({ id: p.dataset.id, classes: [...p.classList], points: p.points.numberOfItems })),
    );
    for (const kind of ['traffic', 'link', 'egress', 'dns', 'deploy']) {
      assert.ok(
        edges.some((e) => e.classes.includes(`edge-${kind}`)),
        `a ${kind} connector is drawn`,
      );
    }
    for (const e of edges) assert.ok(e.points >= 2, `${e.id} has at least two points`);
    for (const id of [
      'link:svc-backend/task-1/nginx->svc-backend/task-1/springboot',
      'link:svc-backend/task-2/nginx->svc-backend/task-2/springboot',
      'link:svc-frontend/task-1/nginx->svc-frontend/task-1/next',
      'dns:dns-api->alb-backend',
      'traffic:alb-backend->tg-backend',
      'egress:nat->igw',
      'deploy:ecs-deploy->cluster',
    ]) {
      assert.ok(edges.some((e) => e.id === id), `connector ${id}`);
    }
    const link = edges.find((e) => e.id === 'link:svc-backend/task-1/nginx->svc-backend/task-1/springboot');
    assert.ok(link.classes.includes('edge-link'));

    // With nothing selected the panel explains the drawing.
    const legend = page.locator('.diagram-panel .legend');
    assert.ok(await legend.isVisible(), 'the legend is shown');
    const legendText = await legend.innerText();
    for (const entry of ['Application Load Balancer', 'Container', 'Container link (bridge mode)', 'Outbound via NAT']) {
      assert.ok(legendText.includes(entry), `legend lists ${entry}`);
    }
    await shot(page, 'diagram');
    await page.click(node('alb-backend'));
    await page.waitForSelector('.diagram-panel .details[data-node="alb-backend"]');
    assert.equal(await legend.count(), 0, 'the legend makes room for the details');

    assert.deepEqual(await layoutProblems(page), [], 'the drawing is clean');
  }));

test('clicking a box opens its details and the lines that configure it', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await cameraSaved(page);
    await page.click(node('alb-backend'));
    const details = page.locator('.diagram-panel .details[data-node="alb-backend"]');
    await details.waitFor();
    assert.equal(await details.locator('.details-title').textContent(), 'Backend ALB');
    assert.match(new URL(page.url()).hash, /^#\/topology\?node=alb-backend(&|$)/);
    assert.ok((await classesOf(page, 'alb-backend')).includes('selected'));
    const facts = await details.locator('.fact').evaluateAll((fs) =>
      fs.map((f) => [f.querySelector('dt').textContent, f.querySelector('dd').textContent]),
    );
    assert.ok(
      facts.some(([k, v]) => k === 'Listener' && v === 'HTTP 80 → tg-backend'),
      JSON.stringify(facts),
    );
    assert.ok(
      facts.some(([k, v]) => k === 'Target group' && v.includes('Backend targets')),
      JSON.stringify(facts),
    );
    await shot(page, 'diagram-selected');
    await cameraSaved(page);

    const governing = details.locator('.governing').first();
    const href = await governing.locator('a').getAttribute('href');
    const line = Number(/^#\/deployment\/L(\d+)$/.exec(href)?.[1]);
    assert.ok(line > 0, `"Configured by" links to a line of atlas.json: ${href}`);
    const code = (await governing.locator('code').textContent()).trim();
    await governing.locator('a').click();
    await page.waitForSelector('.file-title:text("atlas.json")');
    assert.equal(new URL(page.url()).hash, `#/deployment/L${line}`);
    const selected = page.locator('.code-line.selected');
    assert.equal(await selected.locator('.line-no').textContent(), String(line));
    assert.equal((await selected.locator('.line-text').textContent()).trim(), code);
    assert.equal(reference('atlas.json').split('\n')[line - 1].trim(), code);
    assert.ok(code.includes('"forwardTo": "tg-backend"'), code);
  }));

test('selecting a box leaves the camera where it is', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await cameraSaved(page);
    const before = await viewBox(page);
    await page.click(node('alb-backend'));
    await page.waitForSelector('.diagram-panel .details[data-node="alb-backend"]');
    await cameraSaved(page);
    const after = await viewBox(page);
    // alb-backend is in view, so nothing needs to move to show it.
    assert.ok(
      after.every((v, i) => Math.abs(v - before[i]) < 0.05),
      `the view was ${before.join(' ')} and is ${after.join(' ')}`,
    );
  }));

test('hovering a box lights it and its neighbours', () =>
  withPage(async (page) => {
    await openDiagram(page);
    const hovered = 'svc-backend/task-1/nginx';
    await page.hover(node(hovered));
    await page.waitForSelector('svg.diagram.hovering');
    for (const id of [hovered, 'tg-backend', 'svc-backend/task-1/springboot']) {
      assert.ok((await classesOf(page, id)).includes('lit'), `${id} is lit`);
    }
    for (const id of ['alb-frontend', 'svc-backend/task-2/springboot', 'dns-www']) {
      assert.ok(!(await classesOf(page, id)).includes('lit'), `${id} is not lit`);
    }
    const linkLit = await page.$eval(
      'polyline.edge[data-id="link:svc-backend/task-1/nginx->svc-backend/task-1/springboot"]',
      (e) => e.classList.contains('lit'),
    );
    assert.ok(linkLit, 'the link between them is lit');
    // Leaving the drawing puts everything back.
    await page.hover('.diagram-toolbar .capacity-button');
    await page.waitForSelector('svg.diagram:not(.hovering)');
    assert.equal(await page.locator('svg.diagram .lit').count(), 0);
  }));

test('the SSR path walks the boxes of a server-side rendered request, through the NAT', () =>
  withPage(async (page) => {
    await openDiagram(page);
    const ssr = page.locator('.path-button[data-path="ssr"]');
    assert.equal(await ssr.getAttribute('aria-pressed'), 'false');
    await ssr.click();
    await page.waitForSelector('.diagram-panel .steps .step');
    assert.equal(await ssr.getAttribute('aria-pressed'), 'true');
    assert.equal(hashParams(page).get('path'), 'ssr');
    for (const other of ['csr', 'deploy']) {
      assert.equal(await page.getAttribute(`.path-button[data-path="${other}"]`, 'aria-pressed'), 'false');
    }

    const steps = await page.$$eval('.steps .step', (items) =>
      items.map((li) => ({ step: Number(li.dataset.step), node: li.dataset.node, label: li.querySelector('.step-label').textContent })),
    );
    assert.deepEqual(
      steps.map((s) => s.step),
      steps.map((_, i) => i + 1),
      'steps are numbered in order',
    );
    assert.equal(steps[0].node, 'browser', 'the path starts at the visitors');
    assert.match(steps[0].label, /Browser/);
    const walk = [];
    for (const s of steps) if (s.node && walk.at(-1) !== s.node) walk.push(s.node);
    const expected = [
      'browser',
      'dns-www',
      'igw',
      'alb-frontend',
      'tg-frontend',
      'instance-1',
      'svc-frontend/task-1/nginx',
      'svc-frontend/task-1/next',
      'nat',
      'igw',
      'dns-api',
      'alb-backend',
      'tg-backend',
      'instance-1',
      'svc-backend/task-1/nginx',
      'svc-backend/task-1/springboot',
    ];
    assert.deepEqual(walk, expected);
    const onPath = await page.$$eval('svg.diagram g.node.on-path', (gs) => gs.map((g) => g.dataset.id));
    assert.deepEqual([...onPath].sort(), [...new Set(expected)].sort());
    for (const edge of ['egress:nat->igw', 'traffic:alb-backend->tg-backend', 'dns:dns-api->alb-backend']) {
      assert.ok(
        await page.$eval(`polyline.edge[data-id="${edge}"]`, (e) => e.classList.contains('on-path')),
        `${edge} is on the path`,
      );
    }
    assert.ok(
      !(await page.$eval('polyline.edge[data-id="traffic:igw->alb-backend"]', (e) => e.classList.contains('on-path'))),
      'the backend is reached through its DNS name, not straight from the gateway',
    );
    const motion = await page.$eval('svg.diagram circle.traveller animateMotion', (m) => m.getAttribute('path'));
    assert.match(motion, /^M[-\d.]+,[-\d.]+( L[-\d.]+,[-\d.]+)+$/);
    await shot(page, 'diagram-ssr');
    const markers = await page.$$eval('svg.diagram g.step-marker', (ms) => ms.map((m) => [m.dataset.node, m.textContent]));
    assert.ok(markers.some(([id, text]) => id === 'nat' && text === String(steps.find((s) => s.node === 'nat').step)));
    const covered = (await layoutProblems(page)).filter((p) => p.startsWith('step-marker'));

    const tg = steps.find((s) => s.node === 'tg-backend');
    await page.click(`.steps .step[data-step="${tg.step}"] .step-button`);
    await page.waitForFunction((n) => new URLSearchParams(location.hash.split('?')[1]).get('step') === String(n), tg.step);
    assert.equal(hashParams(page).get('node'), 'tg-backend');
    assert.equal(hashParams(page).get('path'), 'ssr');
    await page.waitForSelector(`${node('tg-backend')}.current-step.selected`);
    assert.equal(await page.getAttribute(`.steps .step[data-step="${tg.step}"] .step-button`, 'aria-pressed'), 'true');
    assert.equal(await page.locator('svg.diagram g.node.current-step').count(), 1);
    await page.waitForSelector('.diagram-panel .details[data-node="tg-backend"]');

    const nat = steps.find((s) => s.node === 'nat');
    await page.click(`.steps .step[data-step="${nat.step}"] .step-button`);
    await page.waitForSelector(`${node('nat')}.current-step.selected`);
    assert.equal(hashParams(page).get('step'), String(nat.step));
    assert.ok(!(await classesOf(page, 'tg-backend')).includes('current-step'));

    // Pressed again, the path is put away.
    await ssr.click();
    await page.waitForSelector('.diagram-panel .steps', { state: 'detached' });
    assert.equal(await ssr.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('svg.diagram .on-path, svg.diagram circle.traveller, svg.diagram .step-marker').count(), 0);

    assert.deepEqual(covered, [], 'step numbers leave the boxes\' text readable');
  }));

test('the capacity panel re-places tasks for a what-if count', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await page.click('.capacity-button');
    const panel = page.locator('.diagram-panel.capacity');
    await panel.waitFor();
    assert.equal(await page.getAttribute('.capacity-button', 'aria-pressed'), 'true');
    assert.equal(hashParams(page).get('panel'), 'capacity');
    const summary = panel.locator('.summary');
    assert.match(await summary.textContent(), /fit on 1 of the group's 1 running instance/);
    const cpuLabel = (n) => panel.locator(`.instance-bars[data-instance="${n}"] .bar-row[data-resource="vCPU"] .bar-label`);
    assert.equal(await cpuLabel(1).textContent(), '2 + 1 + 1 of 4 vCPU');
    assert.equal(await panel.locator('.instance-bars').count(), 1);
    assert.equal(await page.locator(node('instance-2')).count(), 0);

    await panel.locator('button[aria-label="More backend tasks"]').click();
    await page.waitForSelector('.instance-bars[data-instance="2"]');
    assert.equal(await panel.locator('.stepper[data-service] input').nth(1).inputValue(), '3');
    assert.match(await summary.textContent(), /need 2 instances/);
    assert.ok((await summary.getAttribute('class')).includes('warning'));
    assert.ok((await panel.locator('.instance-bars[data-instance="2"]').getAttribute('class')).includes('scale-out'));
    assert.equal(await cpuLabel(2).textContent(), '1 of 4 vCPU');
    await page.waitForSelector('svg.diagram g.node.planned[data-id="instance-2"]');
    await page.waitForSelector(`${node('svc-backend/task-3')} text.label`);
    const inside = await page.evaluate(() => {
      const box = (id) => document.querySelector(`svg.diagram g.node[data-id="${id}"] > rect`).getBBox();
      const outer = box('instance-2');
      return ['svc-backend/task-3', 'svc-backend/task-3/nginx', 'svc-backend/task-3/springboot'].map((id) => {
        const b = box(id);
        return b.x >= outer.x && b.y >= outer.y && b.x + b.width <= outer.x + outer.width && b.y + b.height <= outer.y + outer.height;
      });
    });
    assert.deepEqual(inside, [true, true, true], 'the new task and its containers sit in the planned instance');
    await page.hover('.diagram-toolbar .capacity-button');
    await shot(page, 'diagram-capacity-backend-3');
    const overlaps = (await layoutProblems(page)).filter((p) => p.startsWith('boxes'));
    assert.deepEqual(overlaps, [], 'the planned instance finds room of its own');

    await panel.locator('button.reset', { hasText: "Back to the deployment's counts" }).click();
    await page.waitForSelector('.instance-bars[data-instance="2"]', { state: 'detached' });
    assert.match(await summary.textContent(), /fit on 1 of the group's 1 running instance/);
    assert.equal(await panel.locator('.instance-bars').count(), 1);
    await page.waitForSelector(node('instance-2'), { state: 'detached' });
    assert.equal(await page.locator(node('svc-backend/task-3')).count(), 0);
  }));

test('an edit to a task definition shows in the diagram and Reset undoes it', () =>
  withPage(async (page) => {
    const edit = (change) => editText(page, env.base, '#/taskdefs/ecs-backend-task', change);
    // The app container is renamed; nginx still links to, and proxies to, its old name.
    const original = await edit((text) => text.replace('"name": "springboot"', '"name": "api"'));
    assert.equal(original, reference('ecs-backend-task.describe.json'));
    await page.waitForSelector('.reset-workspace');
    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector(`${node('svc-backend/task-1/api')} text.label`);
    assert.equal(await page.locator(node('svc-backend/task-1/springboot')).count(), 0);
    assert.equal(await page.locator(node('svc-backend/task-2/springboot')).count(), 0);
    assert.equal(await page.locator(`${node('svc-backend/task-1/api')} text.label`).textContent(), 'api');
    const badge = page.locator('svg.diagram g.badge[data-node="svc-backend/task-1/nginx"]');
    await badge.click();
    const details = page.locator('.diagram-panel .details[data-node="svc-backend/task-1/nginx"]');
    await details.waitFor();
    const rules = await details.locator('.details-problems .diagnostic').evaluateAll((ds) => ds.map((d) => d.dataset.rule));
    assert.ok(rules.includes('taskdef/invalid-link'), `the broken link is listed: ${rules}`);
    assert.ok(rules.includes('cross/proxy-pass-not-linked'), `the cross-check on nginx is listed: ${rules}`);
    await shot(page, 'diagram-edited');

    // Renamed in the links too, nginx's proxy_pass names a host it cannot reach.
    await cameraSaved(page);
    await edit((text) => text.replace(/("links": \[\s*)"springboot"/, '$1"api"'));
    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector(`${node('svc-backend/task-1/api')} text.label`);
    await badge.click();
    await details.waitFor();
    const problem = details.locator('.details-problems .diagnostic[data-rule="cross/proxy-pass-not-linked"]');
    await problem.waitFor({ timeout: 5000 });
    const href = await problem.locator('a.position').getAttribute('href');
    const line = Number(/^#\/nginx\/backend\/L(\d+)$/.exec(href)?.[1]);
    assert.ok(line > 0, `the problem links to the nginx config: ${href}`);
    await cameraSaved(page);
    await problem.locator('a.position').click();
    await page.waitForSelector('.file-title:text("backend-nginx.conf")');
    assert.equal(new URL(page.url()).hash, `#/nginx/backend/L${line}`);
    await page.waitForSelector(`.editor-lines .code-line.selected[data-line="${line}"]`);
    assert.equal(await page.locator('.code-line.selected .line-no').textContent(), String(line));
    assert.equal(await page.locator('.code-line.selected .line-text').textContent(), 'proxy_pass http://springboot:8080;');

    // Reset, after a confirmation, brings the reference deployment back.
    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector(`${node('svc-backend/task-1/api')} text.label`);
    let asked = '';
    page.on('dialog', (dialog) => {
      asked = dialog.message();
      dialog.accept();
    });
    await page.click('.reset-workspace');
    await page.waitForSelector(`${node('svc-backend/task-1/springboot')} text.label`);
    assert.match(asked, /Discard every edit/);
    assert.equal(await page.locator(node('svc-backend/task-1/api')).count(), 0);
    await page.waitForSelector('.reset-workspace', { state: 'detached' });
    assert.equal(await page.locator('svg.diagram g.badge[data-node="svc-backend/task-1/nginx"] title').textContent(),
      'nginx: 1 error, 3 warnings');
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ecs-atlas/')));
    assert.deepEqual(saved, [], 'Reset forgets the saved files');
  }));

test('an edit survives a reload until Reset', () =>
  withPage(async (page) => {
    await editText(page, env.base, '#/taskdefs/ecs-backend-task', (text) => text.replace('"name": "springboot"', '"name": "api"'));
    await page.waitForSelector('.reset-workspace');

    await page.goto(`${env.base}#/topology`);
    await reload(page);
    assert.ok(
      await appears(page, `${node('svc-backend/task-1/api')} text.label`),
      'the renamed container is still drawn after a reload',
    );
    assert.equal(await page.locator(node('svc-backend/task-1/springboot')).count(), 0);
    assert.ok(await page.locator('.reset-workspace').isVisible(), 'the header says the files are edited');

    page.on('dialog', (dialog) => dialog.accept());
    await page.click('.reset-workspace');
    await page.waitForSelector(`${node('svc-backend/task-1/springboot')} text.label`);
    await cameraSaved(page);
    await reload(page);
    await page.waitForSelector(`${node('svc-backend/task-1/springboot')} text.label`);
    assert.equal(await page.locator(node('svc-backend/task-1/api')).count(), 0);
    assert.equal(await page.locator('.reset-workspace').count(), 0);
  }));

test('the camera zooms with the buttons and the wheel, pans by drag, and rides in the address', () =>
  withPage(async (page) => {
    await openDiagram(page);
    const fitted = await zoomLevel(page);
    await cameraSaved(page);
    await page.click('.zoom-in');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) > f, fitted);
    const zoomed = await zoomLevel(page);
    await page.click('.zoom-out');
    await page.waitForFunction((z) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) < z, zoomed);
    await page.click('.zoom-out');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) < f, fitted);
    await page.click('.zoom-fit');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) === f, fitted);

    // The wheel zooms towards the pointer.
    const canvas = await page.locator('.diagram-canvas').boundingBox();
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) > f, fitted);
    await page.click('.zoom-fit');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) === f, fitted);

    // A drag on empty canvas moves the view by the distance over the scale.
    await page.waitForFunction(() => document.querySelector('svg.diagram').style.transform === 'none');
    const [vx, vy, vw, vh] = await viewBox(page);
    const scale = canvas.width / vw;
    const start = await page.evaluate(({ x, y, width, height }) => {
      for (let fy = 0.05; fy < 0.95; fy += 0.05) {
        for (let fx = 0.05; fx < 0.6; fx += 0.05) {
          const [px, py] = [x + width * fx, y + height * fy];
          if (document.elementFromPoint(px, py)?.matches('svg.diagram')) return [px, py];
        }
      }
      return null;
    }, canvas);
    assert.ok(start, 'the canvas has an empty spot');
    await page.mouse.move(start[0], start[1]);
    await page.mouse.down();
    await page.mouse.move(start[0] + 200, start[1], { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(
      (x) => Math.abs(Number(document.querySelector('svg.diagram').getAttribute('viewBox').split(' ')[0]) - x) > 1,
      vx,
    );
    await page.waitForFunction(() => document.querySelector('svg.diagram').style.transform === 'none');
    const [mx, my, mw, mh] = await viewBox(page);
    assert.ok(Math.abs(mx - (vx - 200 / scale)) < 1, `view x moved from ${vx} to ${mx}, expected ${vx - 200 / scale}`);
    assert.ok(Math.abs(my - vy) < 0.5, `view y stayed: ${vy} → ${my}`);
    assert.ok(Math.abs(mw - vw) < 0.01 && Math.abs(mh - vh) < 0.01, 'a drag does not zoom');
    assert.equal(await page.locator('.diagram-panel .details').count(), 0, 'the end of a drag is not a click');

    await page.waitForFunction(
      (x) => {
        const zoom = new URLSearchParams(location.hash.split('?')[1]).get('zoom');
        return zoom && Math.abs(Number(zoom.split('@')[1].split(',')[0]) - x) < 0.02;
      },
      mx,
    );
    const address = page.url();
    assert.match(new URL(address).hash, /^#\/topology\?zoom=[\d.]+@-?[\d.]+,-?[\d.]+$/);

    await reload(page);
    assert.equal(page.url(), address);
    await page.waitForFunction(() => document.querySelector('svg.diagram').style.transform === 'none');
    const [rx, ry, rw, rh] = await viewBox(page);
    assert.ok(Math.abs(rx - mx) < 0.02 && Math.abs(ry - my) < 0.02, `restored at ${rx},${ry}, left at ${mx},${my}`);
    // The address keeps the scale to two decimals.
    assert.ok(Math.abs(rw / mw - 1) < 0.01 && Math.abs(rh / mh - 1) < 0.01, `restored ${rw}×${rh}, left ${mw}×${mh}`);
  }));

test('a shared link with a selection and a zoom shows what its sender saw', () =>
  withPage(async (page) => {
    await openDiagram(page, '?node=alb-backend&zoom=0.8@100,50');
    await page.waitForSelector('.diagram-panel .details[data-node="alb-backend"]');
    await page.waitForFunction(() => document.querySelector('svg.diagram').style.transform === 'none');
    const [x, y] = await viewBox(page);
    assert.deepEqual([x, y], [100, 50], 'the view starts where the link says');
    assert.equal(await page.locator('.zoom-level').textContent(), '80%');
    const box = await page.locator(node('alb-backend')).boundingBox();
    const canvas = await page.locator('.diagram-canvas').boundingBox();
    assert.ok(box.x > canvas.x && box.x + box.width < canvas.x + canvas.width, 'the selected box is in view');
  }));

test('the keyboard reaches, opens and closes boxes and moves the camera', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await page.focus('.diagram-canvas');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'browser', 'Tab from the canvas reaches the first box');
    for (let i = 0; i < BOXES.length; i++) {
      if ((await page.evaluate(() => document.activeElement.dataset.id)) === 'alb-backend') break;
      await page.keyboard.press('Tab');
    }
    const focus = await page.evaluate(() => {
      const g = document.activeElement;
      return {
        id: g.dataset.id,
        visible: g.matches(':focus-visible'),
        stroke: Number.parseFloat(getComputedStyle(g.querySelector(':scope > rect')).strokeWidth),
      };
    });
    assert.equal(focus.id, 'alb-backend');
    assert.ok(focus.visible, 'keyboard focus is :focus-visible');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.diagram-panel .details[data-node="alb-backend"]');
    assert.equal(hashParams(page).get('node'), 'alb-backend');

    await page.focus('.diagram-canvas');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.diagram-panel .details', { state: 'detached' });
    assert.equal(hashParams(page).get('node'), null);
    await page.waitForSelector('.diagram-panel .legend');

    const fitted = await zoomLevel(page);
    await page.keyboard.press('+');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) > f, fitted);
    await page.keyboard.press('0');
    await page.waitForFunction((f) => Number.parseInt(document.querySelector('.zoom-level').textContent, 10) === f, fitted);

    // The focused box stands out from the neighbours its focus lights.
    assert.ok(focus.stroke >= 3, `the focused box's border is ${focus.stroke}px`);
  }));

test('a box opened just as the camera comes to rest stays open', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await cameraSaved(page);
    // The camera is written to the address 250 ms after it rests. Keep the
    // page busy past that moment while Enter arrives, so that the write and
    // the opening's `hashchange` wait side by side; which runs first is the
    // browser's choice, hence a few tries.
    for (const id of ['alb-backend', 'tg-backend', 'igw']) {
      await page.focus(node(id));
      await page.keyboard.press('+');
      await page.evaluate(() => {
        setTimeout(() => {
          const until = performance.now() + 400;
          while (performance.now() < until);
        }, 100);
      });
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.diagram-panel .details[data-node="${id}"]`, { timeout: 5000 });
      await cameraSaved(page);
      assert.equal(hashParams(page).get('node'), id, 'the selection is in the address');
    }
  }));

test('leaving the diagram right after the camera moves keeps the app alive', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await cameraSaved(page);
    await page.click('.zoom-in');
    await page.click('nav.app-nav a[data-area="Export"]');
    await page.waitForSelector('.export-file');
    // The camera is written to the address 250 ms after it rests; by then
    // the diagram is gone.
    await page.waitForTimeout(400);
    await page.click('nav.app-nav a[data-area="Rules"]');
    await page.waitForSelector('.rule-page h2');
    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector(`${node('alb-backend')} text.label`);
  }));

test('following a box\'s "Configured by" link right after opening it keeps the app alive', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await cameraSaved(page);
    await page.click(node('alb-backend'));
    await page.click('.diagram-panel .details[data-node="alb-backend"] .governing a');
    await page.waitForSelector('.file-title:text("atlas.json")');
    await page.waitForTimeout(400);
    await page.click('nav.app-nav a[data-area="Topology"]');
    await page.waitForSelector('.diagram-panel .legend');
    await page.click(node('tg-backend'));
    await page.waitForSelector('.diagram-panel .details[data-node="tg-backend"]');
  }));

test('the diagram downloads as SVG and PNG', () =>
  withPage(async (page) => {
    await openDiagram(page);
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('.export-svg')]);
    assert.match(svgDownload.suggestedFilename(), /\.svg$/);
    const svg = readFileSync(await svgDownload.path(), 'utf8');
    // Parsed in a blank page: the app's Content-Security-Policy would refuse
    // the file's own <style> in a document it creates.
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        viewBox: root.getAttribute('viewBox'),
        style: root.querySelector('style')?.textContent.length ?? 0,
        nodes: root.querySelectorAll('g.node').length,
        labels: [...root.querySelectorAll('text.label')].map((t) => t.textContent),
        transform: root.getAttribute('style'),
      };
    }, svg);
    await blank.close();
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
    assert.ok(svg.includes('<style'), 'the stylesheet is inside');
    assert.ok(parsed.style > 100, 'the stylesheet has rules');
    assert.ok(svg.includes('Backend ALB'));
    assert.ok(Number(parsed.width) > 0 && Number(parsed.height) > 0, `width ${parsed.width}, height ${parsed.height}`);
    assert.equal(parsed.viewBox, `0 0 ${parsed.width} ${parsed.height}`);
    assert.equal(parsed.nodes, BOXES.length);
    assert.equal(parsed.labels.length, BOXES.length, 'every box keeps its label');
    assert.equal(parsed.transform, null, "the page's camera is left out");

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('.export-png')]);
    assert.match(pngDownload.suggestedFilename(), /\.png$/);
    const png = readFileSync(await pngDownload.path());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width > 1000, `PNG is ${width} px wide`);
    assert.ok(Math.abs(width / height - Number(parsed.width) / Number(parsed.height)) < 0.01, 'the PNG keeps the proportions');
    await pngDownload.saveAs(join(SHOTS, 'diagram-export.png'));
  }));

test('a shared link reproduces the path, the step and the selection', () =>
  withPage(async (page) => {
    await openDiagram(page, '?node=tg-backend&path=ssr&step=12');
    await page.waitForSelector('.diagram-panel .steps .step.current');
    assert.equal(await page.getAttribute('.path-button[data-path="ssr"]', 'aria-pressed'), 'true');
    const current = page.locator('.steps .step.current');
    assert.equal(await current.count(), 1);
    assert.equal(await current.getAttribute('data-step'), '12');
    assert.equal(await current.locator('.step-button').getAttribute('aria-pressed'), 'true');
    const stepNode = await current.getAttribute('data-node');
    assert.equal(stepNode, 'dns-api');
    await page.waitForSelector('.diagram-panel .details[data-node="tg-backend"]');
    assert.equal(await page.locator('.details-title').textContent(), 'Backend targets');
    assert.equal(hashParams(page).get('node'), 'tg-backend');
    // The drawing shows what the link says, as it does after the same clicks.
    assert.ok(await gets(page, stepNode, 'current-step'), `${stepNode}, the box of step 12, is marked current`);
    assert.ok(await gets(page, 'tg-backend', 'selected'), 'tg-backend is marked selected');
    for (const id of ['dns-www', 'nat', 'tg-backend', 'svc-backend/task-1/springboot']) {
      assert.ok(await gets(page, id, 'on-path'), `${id} is marked on the path`);
    }
    assert.ok(await page.locator('polyline.edge.on-path').count() > 0, 'the connectors of the path are marked');
  }));

test('a reloaded selection is marked in the drawing', () =>
  withPage(async (page) => {
    await openDiagram(page);
    await page.click(node('alb-backend'));
    await page.waitForSelector(`${node('alb-backend')}.selected`);
    await cameraSaved(page);
    await reload(page);
    await page.waitForSelector('.diagram-panel .details[data-node="alb-backend"]');
    assert.ok(await gets(page, 'alb-backend', 'selected'), 'alb-backend is still marked selected');
  }));
