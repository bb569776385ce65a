// Opens the live preview page (`wecoss-report preview`) in headless
// Chromium and reports, as JSON on stdout, what tests/it/preview.rs checks:
// what the page shows once built (the deck's slides loaded as images, the
// report's frame, the download links, the problems, the figures, the row
// ledger), axe-core's violations at a desktop's and a phone's width, and
// then, for each edit given, the time from writing the file to the page
// showing the text expected, and what it shows then. Screenshots go to the
// folder given.
//
// Usage: node check-preview.cjs URL SCREENSHOT-DIR [EDITS.json]
// EDITS.json: [{ "path": FILE, "text": CONTENTS, "expect": TEXT, "in": CSS }]
// Environment: WECOSS_CHROMIUM (the browser), NODE_PATH (holding
// puppeteer-core and axe-core).
'use strict';

const fs = require('fs');
const path = require('path');
const { axeViolations, launch } = require('./shared.cjs');

const LIMIT = +(process.env.LIMIT || 120000);

async function main() {
  const [url, shots, editsFile] = process.argv.slice(2);
  const edits = editsFile ? JSON.parse(fs.readFileSync(editsFile, 'utf8')) : [];
  const origin = new URL(url).origin;
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // axe-core is added as a script of the page's own, which its Content
    // Security Policy would refuse.
    await page.setBypassCSP(true);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => { if (r.status() !== 200) errors.push(r.status() + ' ' + r.url()); });
    page.on('requestfailed', (r) => errors.push(r.url() + ' ' + r.failure().errorText));
    // Every request the page makes, outside its own server.
    const elsewhere = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin + '/') && !u.startsWith('data:') && u !== 'about:blank') elsewhere.push(u);
    });
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.status === 'built', { timeout: LIMIT })
      .catch(async (e) => {
        throw new Error(e.message + '; the page says: ' + await page.evaluate(() => document.body.innerText) + '; errors: ' + errors.join('; '));
      });
    // Every slide image loaded.
    await page.waitForFunction(
      () => [...document.querySelectorAll('.slides img')].every((i) => i.complete && i.naturalWidth > 0),
      { timeout: LIMIT },
    ).catch(async (e) => {
      const images = await page.evaluate(() => JSON.stringify([...document.querySelectorAll('.slides img')]
        .map((i) => [i.getAttribute('src'), i.complete, i.naturalWidth])));
      throw new Error(e.message + '; the slides: ' + images + '; errors: ' + errors.join('; '));
    });
    const shown = () => page.evaluate(() => {
      const texts = (sel) => [...document.querySelectorAll(sel)].map((n) => n.textContent.trim());
      return {
        lang: document.documentElement.lang,
        title: document.title,
        status: document.body.dataset.status,
        status_text: document.getElementById('status').textContent,
        headings: texts('h1, h2, h3'),
        slides: [...document.querySelectorAll('.slides img')].map((i) => ({ alt: i.alt, width: i.naturalWidth })),
        frames: [...document.querySelectorAll('iframe')].map((f) => ({ title: f.title, src: f.getAttribute('src') })),
        links: [...document.querySelectorAll('.downloads a')].map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
        problems: texts('#problem-list tbody tr'),
        figures: texts('#figure-list li'),
        changes: texts('#change-list li'),
        ledger: texts('#ledger-table tbody tr'),
      };
    });
    const axe = () => axeViolations(page);
    const result = { first: await shown() };
    // Each frame's document loaded (same origin), with its title.
    result.frame_titles = await Promise.all(page.frames().filter((f) => f !== page.mainFrame()).map(async (f) => {
      await f.waitForFunction(() => document.readyState === 'complete', { timeout: LIMIT });
      return f.evaluate(() => document.title);
    }));
    await page.screenshot({ path: path.join(shots, 'desktop.png') });
    result.axe_desktop = await axe();
    await page.setViewport({ width: 375, height: 812, deviceScaleFactor: 1 });
    result.narrow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    result.axe_phone = await axe();
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });

    // Each edit: written, then waited for on the page.
    result.edits = [];
    for (const [i, edit] of edits.entries()) {
      const before = await page.evaluate(() => document.body.dataset.version);
      const started = Date.now();
      fs.writeFileSync(edit.path, edit.text);
      await page.waitForFunction(
        (sel, text) => [...document.querySelectorAll(sel)].some((n) => n.textContent.includes(text)),
        { timeout: LIMIT, polling: 20 },
        edit.in,
        edit.expect,
      );
      const ms = Date.now() - started;
      // Let the page settle in its new state (the build may still be
      // telling its last step).
      await page.waitForFunction(
        () => ['built', 'failed'].includes(document.body.dataset.status),
        { timeout: LIMIT },
      );
      const now = await shown();
      now.version_before = before;
      now.ms = ms;
      now.axe = await axe();
      await page.screenshot({ path: path.join(shots, `edit-${i + 1}.png`) });
      result.edits.push(now);
    }
    result.elsewhere = elsewhere;
    result.errors = errors;
    process.stdout.write(JSON.stringify(result, null, 1));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
