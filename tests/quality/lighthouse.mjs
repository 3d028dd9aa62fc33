// Lighthouse (mobile, the default emulation and simulated throttling) on several pages with
// one Chrome: `node lighthouse.mjs <job.json>`; prints one JSON line of results.
// job.json: {"chromePath": "...", "chromeFlags": [...], "pages": [{"url", "categories"}]}
import {readFileSync} from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({chromePath: job.chromePath, chromeFlags: job.chromeFlags});
const results = [];
try {
  for (const page of job.pages) {
    const started = Date.now();
    let lhr;
    // Lighthouse now and then fails to record a page's trace (NO_NAVSTART, NO_FCP with
    // newer Chrome builds): that is no measurement, so measure that page once more.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const runner = await lighthouse(page.url, {
        port: chrome.port,
        logLevel: 'error',
        output: 'json',
        onlyCategories: page.categories,
        // Unscored extras that cost time: screenshots and the back/forward cache probe.
        disableFullPageScreenshot: true,
        skipAudits: ['screenshot-thumbnails', 'final-screenshot', 'bf-cache'],
      });
      lhr = runner.lhr;
      if (!lhr.runtimeError) break;
    }
    const failing = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({category: category.id, id: ref.id, score: audit.score,
                        value: audit.displayValue || '', title: audit.title});
        }
      }
    }
    results.push({
      url: page.url,
      scores: Object.fromEntries(Object.values(lhr.categories).map((c) => [c.id, c.score])),
      failing,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
      warnings: lhr.runWarnings,
      seconds: (Date.now() - started) / 1000,
    });
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results) + '\n');
