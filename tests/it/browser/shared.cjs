// What the browser checks (check-html.cjs, check-preview.cjs) share:
// headless Chromium launched alike, and axe-core's WCAG 2.2 AA rules and
// best practices, each violation with up to five of its nodes.
'use strict';

const puppeteer = require('puppeteer-core');

const axePath = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The axe-core violations on `page` as it is now. */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
    }));
  }, TAGS);
}

/** Headless Chromium (the one `WECOSS_CHROMIUM` names), as every check runs it. */
function launch() {
  return puppeteer.launch({
    executablePath: process.env.WECOSS_CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
}

module.exports = { axeViolations, launch };
