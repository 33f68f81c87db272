// A screenshot of a running server's page in headless chromium, once its plan is drawn:
//   node web/tests/screenshot.mjs http://127.0.0.1:8080/ out.png [tab]
import { chromium } from 'playwright-core';

const [url, out, tab] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.loadedJob, null, { timeout: 600000 });
  if (tab) await page.click(`button[data-tab=${tab}]`);
  await page.evaluate(() => new Promise((r) => { window.gwMap.once('idle', r); window.gwMap.triggerRepaint(); }));
  await page.screenshot({ path: out });
  console.log(out);
} finally {
  await browser.close();
}
