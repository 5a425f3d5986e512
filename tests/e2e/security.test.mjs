// Text that arrives from outside (the address, the files a user edits) is
// shown as text, never run; the page carries a strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cameraSaved, editText, openPage, ready, reloadWhenIdle, siteUnderTest, validated } from './harness.mjs';

const { env } = siteUnderTest();

const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

test('a script payload in the address stays inert text', async () => {
  const page = await openPage(env);
  try {
    await page.goto(`${env.base}#/nginx/${encodeURIComponent(PAYLOAD)}`);
    await ready(page);
    const notice = page.locator('.file-pane .notice');
    assert.ok((await notice.textContent()).includes(PAYLOAD), 'the payload is shown verbatim');
    assert.equal(await page.locator('main img, main script').count(), 0);
    await page.goto(`${env.base}#/rules/${encodeURIComponent(PAYLOAD)}`);
    await page.waitForSelector('.rule-page .notice');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});

test('the page has a strict Content-Security-Policy', async () => {
  const page = await openPage(env);
  try {
    await page.goto(env.base);
    await ready(page);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    for (const directive of ["default-src 'self'", "connect-src 'self'", "object-src 'none'", "style-src 'self'"]) {
      assert.ok(policy.includes(directive), `policy has ${directive}: ${policy}`);
    }
    assert.ok(!policy.includes('unsafe-inline'), policy);
    // An inline script added now is refused by the policy.
    const violations = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.append(s);
          setTimeout(() => resolve('none'), 1000);
        }),
    );
    assert.match(violations, /^script-src/);
    assert.equal(await page.evaluate(() => window.__inline), undefined);
  } finally {
    await page.context().close();
  }
});

// Payloads typed into the files. The container name must stay a JSON string.
const NAME = '<img src=x onerror="window.__pwned=1">';
const ENV_VALUE = '</text><script>window.__pwned=2</script>';
const COMMENT = `# ${NAME}</text><script>window.__pwned=3</script>`;

/** A CSS attribute value in double quotes. */
const cssString = (value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Every element a payload could have created, anywhere in the page. */
const injected = (page) =>
  page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    script: document.querySelectorAll('script').length,
    svgScript: document.querySelectorAll('svg script, svg foreignObject').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => e.hasAttribute('onerror')).length,
  }));

const EDITOR = '.code-editor textarea.editor-input';

/**
 * Replaces a file's text through the editor, as a user would, then opens it
 * afresh, so what is checked is painted from the saved text, not the typing.
 */
async function editFile(page, hash, change) {
  await editText(page, env.base, hash, change);
  await page.goto(`${env.base}#/export`);
  await page.waitForSelector('.export-file');
  await page.goto(`${env.base}${hash}`);
  await page.waitForSelector(EDITOR);
  await validated(page);
  // Only the lines in view are painted, and the editor may come back where
  // the caret was left: the payloads are near the top.
  await page.locator('.editor-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
  await page.waitForSelector('.editor-lines .code-line[data-line="1"] .line-text');
}

/** The texts of the painted lines, and the whole text in the editor. */
const editorContent = async (page) => ({
  lines: await page.$$eval('.editor-lines .line-text', (ls) => ls.map((l) => l.textContent)),
  text: await page.locator(EDITOR).inputValue(),
});

test('script payloads typed into a task definition and an nginx config stay inert text', async () => {
  const page = await openPage(env);
  try {
    await page.goto(env.base);
    await ready(page);
    await cameraSaved(page);
    const clean = await injected(page);

    await editFile(page, '#/taskdefs/ecs-backend-task', (text) =>
      text
        .replace('"name": "springboot"', `"name": ${JSON.stringify(NAME)}`)
        .replace(/("links": \[\s*)"springboot"/, `$1${JSON.stringify(NAME)}`)
        .replace('"environment": []', `"environment": [{ "name": "GREETING", "value": ${JSON.stringify(ENV_VALUE)} }]`),
    );
    // The editor shows the typed text, character for character.
    const task = await editorContent(page);
    const nameLine = `      "name": ${JSON.stringify(NAME)},`;
    assert.ok(task.lines.includes(nameLine), 'the name is painted as typed');
    assert.ok(task.lines.some((l) => l.includes(JSON.stringify(ENV_VALUE))), 'the value is painted as typed');
    assert.ok(task.text.split('\n').includes(nameLine), 'the editor holds the name as typed');
    assert.ok(task.text.includes(JSON.stringify(ENV_VALUE)), 'the editor holds the value as typed');
    const messages = await page.$$eval('.diagnostic .message', (ms) => ms.map((m) => m.textContent));
    assert.ok(messages.some((m) => m.includes(`'${NAME}'`)), 'problems quote the name as text');
    assert.deepEqual(await injected(page), clean);

    await editFile(page, '#/nginx/backend', (text) => `${COMMENT}\n${text}`);
    assert.equal(await page.locator('.editor-lines .code-line[data-line="1"] .line-text').textContent(), COMMENT);
    assert.equal((await editorContent(page)).text.split('\n')[0], COMMENT);
    assert.deepEqual(await injected(page), clean);

    // The diagram: the box, its hover, its details, a link to it.
    const id = `svc-backend/task-1/${NAME}`;
    const box = page.locator(`svg.diagram g.node[data-id=${cssString(id)}]`);
    await page.click('nav.app-nav a[data-area="Topology"]');
    await box.locator('text.label').waitFor();
    assert.equal(await box.locator('text.label').textContent(), NAME);
    assert.equal(await page.locator(`svg.diagram polyline.edge[data-id=${cssString(`link:svc-backend/task-1/nginx->${id}`)}]`).count(), 1);
    await box.hover();
    await page.waitForSelector('svg.diagram.hovering');
    assert.ok(await box.evaluate((g) => g.classList.contains('lit')), 'the hovered box is lit');
    await box.locator('text.label').click();
    const details = page.locator(`.diagram-panel .details[data-node=${cssString(id)}]`);
    await details.waitFor();
    assert.equal(await details.locator('.details-title').textContent(), NAME);
    assert.equal(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('node'), id);
    assert.deepEqual(await injected(page), clean);

    // The nginx container's details list what nginx links to.
    await page.click('svg.diagram g.node[data-id="svc-backend/task-1/nginx"] text.label');
    const nginx = page.locator('.diagram-panel .details[data-node="svc-backend/task-1/nginx"]');
    await nginx.waitFor();
    assert.ok((await nginx.innerText()).includes(NAME), 'the link target is shown as text');
    assert.deepEqual(await injected(page), clean);

    // The downloaded drawing keeps the payload as text too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.export-svg')]);
    const svg = readFileSync(await download.path(), 'utf8');
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        active: doc.querySelectorAll('script, img, foreignObject, [onerror]').length,
        labels: [...doc.querySelectorAll('text.label')].map((t) => t.textContent),
      };
    }, svg);
    await blank.close();
    assert.equal(parsed.error, null);
    assert.equal(parsed.active, 0);
    assert.ok(parsed.labels.includes(NAME));
    await cameraSaved(page);

    for (const [hash, content] of [
      ['#/taskdefs/ecs-backend-task', '.editor-lines .code-line'],
      ['#/nginx/backend', '.editor-lines .code-line'],
      ['#/export', '.export-file'],
      ['#/deployment', '.editor-lines .code-line'],
    ]) {
      await page.goto(`${env.base}${hash}`);
      await page.waitForSelector(content);
      assert.deepEqual(await injected(page), clean, `nothing injected in ${hash}`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.problems, []);

    // A shared link to the box, opened after a reload, rebuilds the page
    // from the saved files: still text.
    await page.goto(`${env.base}#/topology?node=${encodeURIComponent(id)}`);
    await reloadWhenIdle(page);
    await ready(page);
    await page.waitForSelector('svg.diagram g.node text.label');
    const shown = await details.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    );
    assert.ok(shown, 'the edited container is still there after a reload');
    assert.equal(await details.locator('.details-title').textContent(), NAME);
    assert.deepEqual(await injected(page), clean);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
