// Text that arrives from outside (here: the address) is shown as text, never
// run; the page carries a strict Content-Security-Policy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready } from './harness.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

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
