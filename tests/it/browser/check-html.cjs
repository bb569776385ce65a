// Opens an HTML edition in headless Chromium and reports, as JSON on stdout,
// what tests/html.rs checks: axe-core's violations (WCAG 2.0/2.1/2.2 A and
// AA, and best practice) at a phone's and a desktop's width, the page's
// scroll width at 320 px (and at 200% text on 640 px), the accessible name
// Chromium computes for every svg[role=img], the text, and every request
// the page tried to make (none: it must work offline), and at 375 px (with
// every <details> open) each visible text's size, the scroll width and any
// chart text drawn as glyph outlines. Screenshots at
// 375x812 and 1280x800 go to the folder given.
//
// Usage: node check-html.cjs PAGE.html SCREENSHOT-DIR
// Environment: WECOSS_CHROMIUM (the browser), NODE_PATH (holding
// puppeteer-core and axe-core).
'use strict';

const path = require('path');
const { axeViolations, launch } = require('./shared.cjs');

async function main() {
  const [file, shots] = process.argv.slice(2);
  const url = 'file://' + path.resolve(file);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const u = r.url();
      if (u === url || u.startsWith('data:') || u === 'about:blank') {
        r.continue();
      } else {
        requests.push(u);
        r.abort();
      }
    });
    const result = { requests };

    const open = async (width, height) => {
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(url, { waitUntil: 'load' });
    };
    const widths = () => page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    const axe = () => axeViolations(page);

    // A small phone.
    await open(320, 640);
    result.narrow = await widths();
    // Text at 200% on a 640 px screen (as 200% zoom of a 320 px one).
    await open(640, 800);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    result.large_text = await widths();

    // A phone: screenshots of the top and of the year at a glance, then axe.
    await open(375, 812);
    await page.screenshot({ path: path.join(shots, 'phone-top.png') });
    await page.evaluate(() => document.getElementById('glance').scrollIntoView());
    await page.screenshot({ path: path.join(shots, 'phone-glance.png') });
    result.axe_phone = await axe();
    // On the phone, with every data table open: every visible text at
    // least 12 CSS px, nothing wider than the screen, and no chart text
    // drawn as glyph outlines (an SVG <use>).
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    result.phone = await page.evaluate(() => {
      const small = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let texts = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const el = node.parentElement;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
        if (rects.length === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
        texts += 1;
        const size = parseFloat(style.fontSize);
        if (size < 12) small.push({ text: node.textContent.trim().slice(0, 60), size });
      }
      return {
        texts,
        small,
        scrollWidth: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
        glyph_uses: document.querySelectorAll('figure.chart svg use, figure.chart svg symbol').length,
        chart_svgs: document.querySelectorAll('figure.chart svg').length,
        charts: document.querySelectorAll('figure.chart').length,
      };
    });

    // A desktop: screenshots, axe, names, text.
    await open(1280, 800);
    await page.screenshot({ path: path.join(shots, 'desktop-top.png') });
    await page.evaluate(() => document.getElementById('safety-planning').scrollIntoView());
    await page.screenshot({ path: path.join(shots, 'desktop-chart.png') });
    result.axe_desktop = await axe();

    result.svg_names = [];
    for (const handle of await page.$$('svg[role=img]')) {
      const node = await page.accessibility.snapshot({ root: handle, interestingOnly: false });
      result.svg_names.push({ role: node ? node.role : null, name: node ? node.name : null });
    }
    result.text = await page.evaluate(() => document.body.innerText);
    await page.emulateMediaType('print');
    result.print = await page.evaluate(() => ({
      skip_link: getComputedStyle(document.querySelector('.skip-link')).display,
      details: getComputedStyle(document.querySelector('details')).display,
    }));
    process.stdout.write(JSON.stringify(result));
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
