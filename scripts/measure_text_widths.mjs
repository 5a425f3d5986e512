// Prints the advance width of every printable ASCII character in the
// diagram's two text styles, as Rust tables for crates/core/src/layout/text.rs.
// The layout sizes boxes without a font, so it needs widths that hold for the
// fonts people have; measure where the widest common UI font is the one the
// browser picks (DejaVu Sans, Debian's default for system-ui).
//
//   node scripts/measure_text_widths.mjs > /tmp/widths.rs
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR", sans-serif';
await page.setContent(
  `<svg xmlns="http://www.w3.org/2000/svg" style='font-family: ${family}'>` +
    '<text id="label" font-size="13" font-weight="600" style="white-space: pre"></text><text id="sublabel" font-size="11.5" style="white-space: pre"></text></svg>',
);
const widths = await page.evaluate(() => {
  const out = {};
  for (const id of ['label', 'sublabel']) {
    const el = document.getElementById(id);
    out[id] = [];
    for (let c = 32; c < 127; c++) {
      // Ten in a row, so kerning and rounding average out.
      el.textContent = String.fromCharCode(c).repeat(10);
      out[id].push(el.getComputedTextLength() / 10);
    }
  }
  return out;
});
await browser.close();
for (const [id, list] of Object.entries(widths)) {
  const name = id === 'label' ? 'LABEL' : 'SUBLABEL';
  const cells = list.map((w) => `${(Math.ceil(w * 10) / 10).toFixed(1)}`);
  const rows = [];
  for (let i = 0; i < cells.length; i += 12) rows.push(`    ${cells.slice(i, i + 12).join(', ')},`);
  console.log(`pub(super) const ${name}: [f32; 95] = [\n${rows.join('\n')}\n];`);
}
