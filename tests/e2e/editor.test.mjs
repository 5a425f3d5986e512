// The editors in a real browser: typing is validated within a frame, fixes and
// the formatter are undoable edits, find and F8 move through the file, the
// form writes minimal JSON edits, files can be added and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { armLatency, editText, lineOf, ready, reference, reloadWhenIdle, shot, siteUnderTest, validated } from './harness.mjs';

const { env, withPage } = siteUnderTest();

/** Opens a file's editor and waits until its text and diagnostics are shown. */
async function openEditor(page, hash) {
  await page.goto(`${env.base}${hash}`);
  await ready(page);
  await page.waitForSelector('.code-editor textarea.editor-input');
  await validated(page);
  await page.waitForSelector('.editor-lines .code-line');
}

const editorText = (page) => page.locator('textarea.editor-input').inputValue();

/**
 * A file's whole text as saved in the browser's storage, once it has the
 * expected length: the textarea of a long file holds only the lines around
 * the caret.
 */
async function savedText(page, file, length) {
  await page.waitForFunction(
    ([name, n]) => localStorage.getItem(`ecs-atlas/file/${name}`)?.length === n,
    [file, length],
  );
  return page.evaluate((name) => localStorage.getItem(`ecs-atlas/file/${name}`), file);
}

/** Puts the caret at a byte offset of an ASCII text (the seed files are ASCII). */
async function caretAt(page, offset, end = offset) {
  await page.locator('textarea.editor-input').focus();
  await page.evaluate(
    ([start, stop]) => document.querySelector('textarea.editor-input').setSelectionRange(start, stop),
    [offset, end],
  );
}

test('a syntax error typed into the backend task definition is reported at its line within a frame', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    const text = await editorText(page);
    // Delete the comma after `"cpu": 0` of the first container.
    const comma = text.indexOf('"cpu": 0,') + '"cpu": 0'.length;
    await caretAt(page, comma + 1);
    await armLatency(page);
    await page.keyboard.press('Backspace');
    const { frames, ms } = await page.evaluate(() => window.__latency);
    assert.ok(frames <= 1, `diagnostics arrived ${frames} frames (${ms.toFixed(1)} ms) after the keystroke`);
    const line = lineOf(text, '"cpu": 0,');
    const syntax = page.locator('.diagnostic[data-rule="taskdef/json-syntax"]');
    await syntax.waitFor();
    assert.match(await syntax.locator('.position').textContent(), new RegExp(`^${line}:`));
    // The gutter marks the line and the squiggle sits on it.
    const row = page.locator(`.editor-lines .code-line[data-line="${line}"]`);
    assert.equal(await row.locator('.line-no').getAttribute('data-marker'), 'error');
    assert.equal(await row.locator('.sq-error').count() > 0, true);
    // Hovering the squiggle shows the message.
    const squiggle = row.locator('.sq-error').first();
    const box = await squiggle.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('.editor-tooltip');
    assert.match(await page.locator('.editor-tooltip').textContent(), /error: .*\[taskdef\/json-syntax\]/);
    await shot(page, 'editor-json-syntax-error');
    // Undo brings the comma back and the error goes.
    await page.keyboard.press('Control+z');
    assert.equal(await editorText(page), text);
    await validated(page);
    assert.equal(await syntax.count(), 0);
  }));

test('the read-only fields fix removes them as one undoable edit, and Fix all applies every safe fix', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    const before = await editorText(page);
    const readOnly = page.locator('.diagnostic[data-rule="taskdef/read-only-field"]');
    const count = await readOnly.count();
    assert.ok(count >= 1, 'the describe output has read-only fields');
    await readOnly.first().locator('.fix-button').click();
    await validated(page);
    assert.ok((await readOnly.count()) < count, 'the fixed field is no longer reported');
    assert.ok(JSON.parse(await editorText(page)), 'the fixed text is still JSON');
    await page.click('.editor-undo');
    await validated(page);
    assert.equal(await editorText(page), before);
    assert.equal(await readOnly.count(), count);
    // Fix all takes every safe fix at once; one undo takes them all back.
    await page.click('.fix-all');
    await validated(page);
    assert.equal(await readOnly.count(), 0);
    assert.equal(await page.locator('.fix-all').count(), 0);
    await page.click('.editor-undo');
    await validated(page);
    assert.equal(await editorText(page), before);
  }));

test('a proxy_pass host that is not a linked container raises the cross-check', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/backend');
    const text = await editorText(page);
    const at = text.indexOf('http://springboot:8080') + 'http://'.length;
    await caretAt(page, at, at + 'springboot'.length);
    await page.keyboard.type('api');
    await validated(page);
    const cross = page.locator('.diagnostic[data-rule="cross/proxy-pass-not-linked"]');
    await cross.waitFor();
    assert.match(await cross.locator('.position').textContent(), new RegExp(`^${lineOf(text, 'proxy_pass http://springboot')}:`));
    assert.match(await cross.locator('.message').textContent(), /api/);
    await shot(page, 'editor-nginx-cross-check');
  }));

test('the frontend config shows its method-filter diagnostic on its line', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/frontend');
    const text = await editorText(page);
    const method = page.locator('.diagnostic[data-rule="nginx/unknown-request-method"]');
    await method.waitFor();
    const line = lineOf(text, 'OPTION');
    assert.match(await method.locator('.position').textContent(), new RegExp(`^${line}:`));
    // Clicking it puts the caret on it; its fix is offered.
    await method.locator('.position').click();
    const caret = await page.evaluate(() => document.querySelector('textarea.editor-input').selectionStart);
    assert.equal(text.slice(0, caret).split('\n').length, line);
    assert.match(await method.locator('.fix-button').textContent(), /OPTIONS/);
    const row = page.locator(`.editor-lines .code-line[data-line="${line}"]`);
    assert.ok((await row.locator('.sq-warning, .sq-error').count()) > 0);
    await shot(page, 'editor-nginx-frontend');
  }));

test('Ctrl+/ comments nginx lines out and back in, and their diagnostics follow', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/frontend');
    const text = await editorText(page);
    const method = page.locator('.diagnostic[data-rule="nginx/unknown-request-method"]');
    await method.waitFor();
    // The whole if block, from its first line to its closing brace.
    const start = text.indexOf('if ($request_method');
    const end = text.indexOf('}', start) + 1;
    await caretAt(page, start + 3, end);
    await page.keyboard.press('Control+/');
    await validated(page);
    const commented = await editorText(page);
    const block = commented.slice(commented.lastIndexOf('\n', start) + 1, commented.indexOf('\n', end + 6));
    for (const line of block.split('\n')) assert.match(line, /^\s*# /, `"${line}" is commented out`);
    await method.waitFor({ state: 'detached' });
    // Again, and the block is back as it was, the diagnostic with it.
    await page.keyboard.press('Control+/');
    await validated(page);
    assert.equal(await editorText(page), text);
    await method.waitFor();
    // The first toggle is one undo step.
    await page.keyboard.press('Control+/');
    await validated(page);
    await page.keyboard.press('Control+z');
    await validated(page);
    assert.equal(await editorText(page), text);
  }));

test('F8 walks the diagnostics and shows each message by its squiggle', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/frontend');
    await caretAt(page, 0);
    await page.keyboard.press('F8');
    await page.waitForSelector('.editor-tooltip');
    const first = await page.locator('.editor-tooltip').textContent();
    const selection = await page.evaluate(() => {
      const t = document.querySelector('textarea.editor-input');
      return [t.selectionStart, t.selectionEnd];
    });
    assert.ok(selection[1] >= selection[0]);
    const firstProblem = await page.locator('.diagnostic .message').first().textContent();
    assert.ok(first.includes(firstProblem), `${first} names the first problem`);
  }));

test('the form adds a port mapping as an exact JSON edit, and undo takes it back', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    const before = await editorText(page);
    await page.click('.file-tab[data-tab="Form"]');
    await page.waitForSelector('.container-section');
    await shot(page, 'editor-form');
    const springboot = page.locator('.container-section[data-container="0"]');
    assert.equal(await springboot.locator('.port-mapping').count(), 0);
    await springboot.locator('.add-port-mapping').click();
    await springboot.locator('.port-mapping').waitFor();
    await page.click('.file-tab[data-tab="JSON"]');
    await validated(page);
    const after = await editorText(page);
    const expected = before.replace(
      '"portMappings": [],',
      [
        '"portMappings": [',
        '        {',
        '          "containerPort": 80,',
        '          "hostPort": 0,',
        '          "protocol": "tcp"',
        '        }',
        '      ],',
      ].join('\n'),
    );
    assert.equal(after, expected);
    await page.keyboard.press('Control+z');
    // The editor may not have focus: the toolbar's undo is what a user clicks.
    if ((await editorText(page)) !== before) await page.click('.editor-undo');
    assert.equal(await editorText(page), before);
  }));

test('a form field with a wrong value shows the problem beside it, and typing in the text updates the form', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    await page.click('.file-tab[data-tab="Form"]');
    const cpu = page.locator('.container-section[data-container="1"] .form-field:has(.field-label:text-is("CPU units")) input');
    await cpu.fill('lots');
    await cpu.press('Enter');
    const field = page.locator('.container-section[data-container="1"] .form-field.invalid:has(.field-label:text-is("CPU units"))');
    await field.waitFor();
    assert.ok((await field.locator('.field-problem').count()) > 0);
    await page.click('.file-tab[data-tab="JSON"]');
    assert.match(await editorText(page), /"cpu": "lots"/);
    // Renaming the container in the text renames it in the form.
    const text = await editorText(page);
    const at = text.indexOf('"name": "nginx"') + '"name": "'.length;
    await caretAt(page, at, at + 'nginx'.length);
    await page.keyboard.type('proxy');
    await validated(page);
    await page.click('.file-tab[data-tab="Form"]');
    assert.equal(
      await page.locator('.container-section[data-container="1"] .form-field:has(.field-label:text-is("Name")) input').inputValue(),
      'proxy',
    );
  }));

test('find highlights every match and steps through them', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/backend');
    const text = await editorText(page);
    const total = text.split('add_header').length - 1;
    assert.ok(total >= 2);
    await caretAt(page, 0);
    await page.keyboard.press('Control+f');
    await page.waitForSelector('.find-input:focus');
    await page.keyboard.type('ADD_HEADER');
    assert.equal(await page.locator('.find-count').textContent(), `1 of ${total}`);
    await page.waitForSelector('.found.current');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.find-count').textContent(), `2 of ${total}`);
    await page.keyboard.press('Shift+Enter');
    assert.equal(await page.locator('.find-count').textContent(), `1 of ${total}`);
    await page.keyboard.press('Escape');
    const selected = await page.evaluate(() => {
      const t = document.querySelector('textarea.editor-input');
      return [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)];
    });
    assert.deepEqual(selected, [true, 'add_header']);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('no such text');
    assert.equal(await page.locator('.find-count').textContent(), 'No results');
  }));

test('replace changes the current match and moves on; replace all is one undo step', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    const text = await editorText(page);
    const count = (t) => t.split('springboot').length - 1;
    const total = count(text);
    assert.ok(total >= 3, `${total} occurrences`);
    await caretAt(page, 0);
    await page.keyboard.press('Control+h');
    await page.waitForSelector('.find-input:focus');
    assert.equal(await page.getAttribute('.find-replace-toggle', 'aria-expanded'), 'true');
    await page.keyboard.type('springboot');
    await page.fill('.replace-input', 'api');
    await page.click('.replace-one');
    await validated(page);
    const once = await editorText(page);
    assert.equal(count(once), total - 1);
    assert.equal(once, text.replace('springboot', 'api'), 'the first match is replaced');
    assert.equal(await page.locator('.find-count').textContent(), `1 of ${total - 1}`);
    // Enter in the replace box replaces the next one.
    await page.focus('.replace-input');
    await page.keyboard.press('Enter');
    await validated(page);
    assert.equal(count(await editorText(page)), total - 2);
    await page.click('.replace-all');
    await validated(page);
    const all = await editorText(page);
    assert.equal(all, text.replaceAll('springboot', 'api'));
    assert.equal(await page.locator('.find-count').textContent(), 'No results');
    // One undo takes the whole replace-all back.
    await page.click('.editor-undo');
    await validated(page);
    assert.equal(count(await editorText(page)), total - 2);
  }));

test('the toolbar lists the editor\'s keys, with the comment toggle only for nginx', () =>
  withPage(async (page) => {
    const keys = async () => {
      await page.click('.editor-keys > summary');
      await page.waitForSelector('.editor-keys-panel dl', { state: 'visible' });
      const listed = await page.locator('.editor-keys-panel dt').allTextContents();
      await page.click('.editor-keys > summary');
      await page.waitForSelector('.editor-keys-panel dl', { state: 'hidden' });
      return listed;
    };
    await openEditor(page, '#/nginx/frontend');
    const nginx = await keys();
    for (const key of ['F8 · Shift+F8', 'Ctrl+H (Mac: ⌘⌥F)', 'Ctrl+/', 'Escape, then Tab']) assert.ok(nginx.includes(key), key);
    await openEditor(page, '#/taskdefs/ecs-front-task');
    assert.ok(!(await keys()).includes('Ctrl+/'), 'JSON has no comments to toggle');
  }));

test('Tab indents, Shift-Tab dedents, Enter keeps the indentation, and undo steps back through them', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/backend');
    const text = await editorText(page);
    const line = text.indexOf('server {');
    const end = line + 'server {'.length;
    await caretAt(page, end);
    await page.keyboard.press('Enter');
    await page.keyboard.type('gzip on;');
    let now = await editorText(page);
    const indent = now.slice(end + 1, now.indexOf('gzip on;', end));
    assert.match(indent, /^ +$/, 'the new line inside the block is indented');
    await page.keyboard.press('Shift+Tab');
    now = await editorText(page);
    assert.ok(now.includes('\ngzip on;\n'), 'Shift-Tab takes the indentation away');
    // With the line selected, Tab indents it; with a bare caret it inserts one step.
    const lineStart = now.indexOf('\ngzip on;') + 1;
    await caretAt(page, lineStart, lineStart + 'gzip on;'.length);
    await page.keyboard.press('Tab');
    now = await editorText(page);
    assert.ok(now.includes(`\n${indent}gzip on;\n`), 'Tab gives it back');
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Control+z');
    assert.equal(await editorText(page), text);
    await page.keyboard.press('Control+Shift+z');
    assert.notEqual(await editorText(page), text);
  }));

test('Format lays an nginx config out and undo brings the original back', () =>
  withPage(async (page) => {
    await openEditor(page, '#/nginx/backend');
    const text = await editorText(page);
    await caretAt(page, 0);
    await page.keyboard.type('worker_processes   2 ;');
    await page.keyboard.press('Enter');
    await page.click('.editor-format');
    await validated(page);
    const formatted = await editorText(page);
    assert.ok(formatted.startsWith('worker_processes 2;\n'), formatted.slice(0, 40));
    await page.click('.editor-undo');
    assert.ok((await editorText(page)).startsWith('worker_processes   2 ;\n'));
    // The Enter and the typing before it are steps of their own.
    await page.click('.editor-undo');
    await page.click('.editor-undo');
    assert.equal(await editorText(page), text);
  }));

test('the changes view compares the text with the original', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-front-task');
    const text = await editorText(page);
    const at = text.indexOf('"essential": true') + '"essential": '.length;
    await caretAt(page, at, at + 'true'.length);
    await page.keyboard.type('false');
    await validated(page);
    await page.click('.file-tab[data-tab="Changes"]');
    await page.waitForSelector('.diff');
    assert.equal(await page.locator('.diff-line.removed').count(), 1);
    assert.equal(await page.locator('.diff-line.added').count(), 1);
    assert.match(await page.locator('.diff-line.added .diff-text').textContent(), /"essential": false/);
    assert.match(await page.locator('.changes-summary').textContent(), /\+1 −1/);
    await shot(page, 'editor-changes');
  }));

test('the tab in view rides in the address: reload, another file, back and shared links keep it', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    await page.click('.file-tab[data-tab="Form"]');
    await page.waitForSelector('.container-section');
    assert.match(page.url(), /#\/taskdefs\/ecs-backend-task\/form$/);
    await reloadWhenIdle(page);
    await page.waitForSelector('.container-section');
    assert.equal(await page.getAttribute('.file-tab[data-tab="Form"]', 'aria-selected'), 'true');

    // Another task definition opens on its form, to compare the two.
    await page.click('.file-link:has(.file-key:text-is("ecs-front-task"))');
    await page.waitForSelector('.file-title:text("ecs-front-task.describe.json")');
    await page.waitForSelector('.container-section');
    assert.match(page.url(), /#\/taskdefs\/ecs-front-task\/form$/);
    await page.goBack();
    await page.waitForSelector('.file-title:text("ecs-backend-task.describe.json")');
    await page.waitForSelector('.container-section');

    // A problem clicked under the form is shown in the text, selected.
    const position = page.locator('.diagnostic .position').first();
    const [line] = (await position.textContent()).split(':').map(Number);
    await position.click();
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.match(page.url(), /#\/taskdefs\/ecs-backend-task$/);
    await page.waitForFunction(() => {
      const t = document.querySelector('textarea.editor-input');
      return document.activeElement === t && t.selectionEnd > t.selectionStart;
    });
    const caretLine = await page.evaluate(() => {
      const t = document.querySelector('textarea.editor-input');
      return t.value.slice(0, t.selectionStart).split('\n').length;
    });
    assert.equal(caretLine, line, "the selection is on the problem's line");
    // Moved on from there, the caret stays where it was put across tabs.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const caret = () =>
      page.evaluate(() => {
        const t = document.querySelector('textarea.editor-input');
        return [t.selectionStart, t.selectionEnd];
      });
    const before = await caret();
    assert.equal(before[0], before[1]);
    await page.click('.file-tab[data-tab="Form"]');
    await page.waitForSelector('.container-section');
    await page.click('.file-tab[data-tab="JSON"]');
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.deepEqual(await caret(), before);

    // A shared link names the tab; an nginx config has no form.
    await page.goto(`${env.base}#/nginx/backend/changes`);
    await page.waitForSelector('.changes-none');
    assert.equal(await page.getAttribute('.file-tab[data-tab="Changes"]', 'aria-selected'), 'true');
    await page.goto(`${env.base}#/nginx/backend/form`);
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.equal(await page.getAttribute('.file-tab[data-tab="Text"]', 'aria-selected'), 'true');
  }));

test('the tabs are one tab stop, and the arrow keys, Home and End move between them', () =>
  withPage(async (page) => {
    await openEditor(page, '#/taskdefs/ecs-backend-task');
    const selectedTab = () =>
      page.evaluate(() => {
        const tab = document.activeElement;
        const panel = document.getElementById(tab.getAttribute('aria-controls'));
        return {
          focused: tab.dataset.tab,
          selected: tab.getAttribute('aria-selected'),
          tabStops: [...document.querySelectorAll('.file-tab')].filter((t) => t.tabIndex === 0).length,
          labelledBy: panel.getAttribute('aria-labelledby') === tab.id,
        };
      });
    await page.focus('.file-tab[data-tab="JSON"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.container-section');
    assert.deepEqual(await selectedTab(), { focused: 'Form', selected: 'true', tabStops: 1, labelledBy: true });
    assert.match(page.url(), /\/form$/);
    await page.keyboard.press('End');
    await page.waitForSelector('.changes');
    assert.equal((await selectedTab()).focused, 'Changes');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.deepEqual(await selectedTab(), { focused: 'JSON', selected: 'true', tabStops: 1, labelledBy: true });
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('.changes');
    await page.keyboard.press('Home');
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.equal((await selectedTab()).focused, 'JSON');
  }));

test('atlas.json shows its changes too, and the tab rides in the address', () =>
  withPage(async (page) => {
    await editText(page, env.base, '#/deployment', (text) => text.replace('"name": "inforum"', '"name": "inforum-staging"'));
    await page.click('.file-tab[data-tab="Changes"]');
    await page.waitForSelector('.diff');
    assert.match(page.url(), /#\/deployment\/changes$/);
    assert.match(await page.locator('.diff-line.added .diff-text').textContent(), /"name": "inforum-staging"/);
    await reloadWhenIdle(page);
    await page.waitForSelector('.diff');
    assert.equal(await page.getAttribute('.file-tab[data-tab="Changes"]', 'aria-selected'), 'true');
    // A problem's position is in the text: the Changes tab gives way to it.
    await page.locator('.diagnostic .position').first().click();
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.match(page.url(), /#\/deployment$/);
  }));

test('a pasted nginx config is added, listed in atlas.json with its counts, and removed again', () =>
  withPage(async (page) => {
    await page.goto(`${env.base}#/nginx`);
    await ready(page);
    await page.click('.add-file-toggle');
    await page.fill('.add-file-name', 'admin.conf');
    await page.fill('.add-file-text', 'server {\n    listen 80;\n    location / {\n        proxy_pass http://springboot:8080;\n    }\n}\n');
    await page.selectOption('.add-file-taskdef', 'ecs-backend-task');
    await page.click('.add-file-submit');
    await page.waitForFunction(() => location.hash === '#/nginx/admin');
    await page.waitForSelector('.file-link.active .file-name:text-is("admin.conf")');
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.match(await editorText(page), /proxy_pass http:\/\/springboot:8080;/);
    await page.goto(`${env.base}#/deployment`);
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.match(
      await editorText(page),
      /\{ "id": "admin", "file": "admin.conf", "taskDefinition": "ecs-backend-task", "container": "nginx" \}/,
    );
    // It survives a reload, and Remove takes it and its listing away.
    await reloadWhenIdle(page);
    await page.goto(`${env.base}#/nginx/admin`);
    await page.waitForSelector('.file-link.active .file-name:text-is("admin.conf")');
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('.remove-file');
    await page.waitForFunction(() => !document.querySelector('.file-name') || ![...document.querySelectorAll('.file-name')].some((n) => n.textContent === 'admin.conf'));
    await page.goto(`${env.base}#/deployment`);
    await page.waitForSelector('.code-editor textarea.editor-input');
    assert.doesNotMatch(await editorText(page), /admin\.conf/);
  }));

test('an uploaded task definition with 10 000 lines stays editable', () =>
  withPage(async (page) => {
    const env_ = Array.from({ length: 10000 }, (_, i) => `        { "name": "VAR_${i}", "value": "${i}" }`).join(',\n');
    const big = reference('ecs-front-task.describe.json').replace('"environment": []', `"environment": [\n${env_}\n      ]`);
    await page.goto(`${env.base}#/taskdefs`);
    await ready(page);
    await page.click('.add-file-toggle');
    await page.setInputFiles('.add-file-upload', { name: 'big-task.json', mimeType: 'application/json', buffer: Buffer.from(big) });
    await page.waitForSelector('.add-file-uploaded:has-text("Read big-task.json")');
    await page.click('.add-file-submit');
    await page.waitForSelector('.file-link.active .file-name:text-is("big-task.json")');
    await page.waitForSelector('.code-editor textarea.editor-input');
    await validated(page);
    // Only the lines in view are painted, and the textarea holds the lines
    // around the caret, not all 10 000.
    assert.ok((await page.locator('.editor-lines .code-line').count()) < 200);
    assert.ok((await editorText(page)).length < big.length / 2);
    const lines = big.split('\n').length;
    await page.locator('textarea.editor-input').focus();
    await page.keyboard.press('Control+End');
    await page.waitForSelector(`.editor-lines .code-line[data-line="${lines}"]`);
    assert.match(await page.locator('.editor-status').textContent(), new RegExp(`^Ln ${lines},`));
    await page.keyboard.type(' ');
    await validated(page);
    const saved = await savedText(page, 'big-task.json', big.length + 1);
    assert.equal(saved, `${big} `);
    // Page Down moves the caret a screenful; Ctrl+Home goes back to the top.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('PageDown');
    const [, line] = (await page.locator('.editor-status').textContent()).match(/^Ln (\d+),/);
    assert.ok(Number(line) > 10, `Page Down moved the caret to line ${line}`);
    // Shift+click on a line far outside the textarea's lines selects up to it.
    await page.keyboard.press('Control+Home');
    await page.evaluate(() => {
      const scroller = document.querySelector('.editor-scroll');
      const height = document.querySelector('.editor-lines .code-line').getBoundingClientRect().height;
      scroller.scrollTop = 2999 * height - 100;
    });
    const far = page.locator('.editor-lines .code-line[data-line="3000"]');
    await far.waitFor();
    await far.click({ modifiers: ['Shift'], position: { x: 400, y: 5 } });
    const selected = await page.evaluate(() => {
      const t = document.querySelector('textarea.editor-input');
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected.split('\n').length, 3000, 'the selection runs from the top to line 3000');
    assert.ok(big.startsWith(selected));
  }));

test('typing into the 1.3 MB corpus config keeps every key and says validation is pending', () =>
  withPage(async (page) => {
    const large = readFileSync(new URL('../../../shared/corpus/bench/large-config.conf', import.meta.url));
    await page.goto(`${env.base}#/nginx`);
    await ready(page);
    await page.click('.add-file-toggle');
    await page.setInputFiles('.add-file-upload', { name: 'large-config.conf', mimeType: 'text/plain', buffer: large });
    await page.waitForSelector('.add-file-uploaded:has-text("Read large-config.conf (1.3 MB)")');
    await page.click('.add-file-submit');
    await page.waitForFunction(() => location.hash === '#/nginx/large-config');
    await page.waitForSelector('.code-editor textarea.editor-input');
    await validated(page);
    // Whether the pending state was ever shown while the keys went in.
    await page.evaluate(() => {
      window.__pending = false;
      new MutationObserver(() => {
        if (document.querySelector('.code-editor .validating')) window.__pending = true;
      }).observe(document.querySelector('.editor-status'), { childList: true, subtree: true });
    });
    // Far down the file, a click on a line puts the caret there.
    const line = 20000;
    await page.locator('.editor-scroll').evaluate((el, n) => {
      el.scrollTop = (n - 10) * 20;
    }, line);
    const row = page.locator(`.editor-lines .code-line[data-line="${line}"] .line-no`);
    await row.waitFor();
    const box = await row.boundingBox();
    await page.mouse.click(box.x + box.width + 2, box.y + box.height / 2);
    await page.waitForFunction((n) => document.querySelector('.editor-status').textContent.startsWith(`Ln ${n}, Col 1`), line);
    const typed = '# typed while validating\n';
    await page.keyboard.type(typed, { delay: 5 });
    await validated(page);
    assert.equal(await page.evaluate(() => window.__pending), true, 'the editor said validation was pending');
    const text = large.toString('utf8');
    const saved = await savedText(page, 'large-config.conf', text.length + typed.length);
    const lines = text.split('\n');
    lines.splice(line - 1, 0, typed.slice(0, -1));
    assert.equal(saved, lines.join('\n'));
    assert.match(await page.locator('.diagnostics-count').textContent(), /^\d{4,}$/);
    await shot(page, 'editor-large-config');
  }));
