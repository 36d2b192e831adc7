// `./verity bench web`: one Chromium types queries into the search screen, a character at a time, and times each
// keystroke until the suggestions for that prefix are on screen, and Enter until the results for the query are.
// Also sums the gzipped JavaScript and CSS the first page loads. Run by bench's WebBench, which passes:
//   VERITY_WEB_URL, VERITY_BENCH_QUERIES (a file, one query a line), VERITY_CHROMIUM (default /usr/bin/chromium)
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import zlib from 'node:zlib';

const base = process.env.VERITY_WEB_URL ?? 'http://127.0.0.1:8080';
const queries = fs.readFileSync(process.env.VERITY_BENCH_QUERIES, 'utf8').split('\n').filter(Boolean);
const browser = await chromium.launch({
  executablePath: process.env.VERITY_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();

// first load: every script and stylesheet of the sign-in page and the search screen after it
const assets = new Map();
page.on('response', async (r) => {
  const url = r.url();
  if (/\.(js|css)(\?|$)/.test(url) && !assets.has(url)) assets.set(url, r.body().then((b) => zlib.gzipSync(b, { level: 9 }).length, () => 0));
});
await page.goto(`${base}/signin`);
await page.getByRole('button', { name: /\(alice/ }).click();
await page.getByRole('combobox', { name: 'Search cards' }).waitFor();
const sizes = await Promise.all(assets.values());
const firstLoad = sizes.reduce((a, b) => a + b, 0);

const box = page.getByRole('combobox', { name: 'Search cards' });
const suggest = [];
const results = [];
// waits for what a keystroke should bring; on a time-out, leaves a screenshot and says where the page was
async function settled(locator, what) {
  try {
    await locator.waitFor({ state: 'attached', timeout: 30_000 });
  } catch (e) {
    await page.screenshot({ path: 'target/bench-web-timeout.png', fullPage: true }).catch(() => undefined);
    throw new Error(`no ${what} within 30 s at ${page.url()} (screenshot: web/target/bench-web-timeout.png): ${e.message}`);
  }
}
const attr = (v) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
for (const q of queries) {
  await page.goto(`${base}/search`);
  // click, not focus(): the screen may still re-render after it first appears, and a focus set before that is lost
  await box.click();
  let typed = '';
  for (const ch of q) {
    typed += ch;
    const prefix = typed.trim();
    const t0 = performance.now();
    await box.pressSequentially(ch);
    if (prefix) {
      await settled(page.locator(`#suggestions[data-prefix="${attr(prefix)}"]`), `suggestions for "${prefix}"`);
      suggest.push(performance.now() - t0);
    }
  }
  // no Escape first: in a search field it clears the text; Enter with no suggestion chosen submits what was typed
  const t0 = performance.now();
  await box.press('Enter');
  // settled: results on screen, or the problem that stood in for them
  await settled(page.locator(`section[data-settled="${attr(q.trim())}"]`), `results for "${q.trim()}"`);
  results.push(performance.now() - t0);
  // progress: a run of 200 queries types a few thousand keys
  if (results.length % 20 === 0 || results.length === queries.length) {
    console.log(`[bench]   typed ${results.length} of ${queries.length} queries (${suggest.length} keystrokes)`);
  }
}
await browser.close();

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const row = (label, xs) => console.log(`${label.padEnd(34)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(0).padStart(4)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(4)} ms  max ${Math.max(...xs).toFixed(0).padStart(5)} ms`);
console.log('');
console.log(`=== web: ${queries.length} typed queries, one Chromium, through the web server (same origin) ===`);
row('keystroke -> rendered suggestions', suggest);
row('Enter -> rendered results', results);
console.log(`first load: ${(firstLoad / 1024).toFixed(1)} KB of JavaScript and CSS, gzipped (${assets.size} files)`);
