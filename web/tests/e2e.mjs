// End-to-end test of the page with playwright-core driving Debian's chromium (headless): start the
// real `groundwork serve`, load the page, upload the small example, plan it, query the map's
// rendered features and pixels, move the slider, click a feature, open the Gantt, play, compare.
// Screenshots of each step go to --shots. Exit status 77 (ctest: skipped) only when chromium is
// absent.
//   node web/tests/e2e.mjs --binary build/test/groundwork --web build/test/web \
//     --scenario docs/examples/small/scenario.json --shots build/test/screenshots [--chromium PATH]
//     [--zip tests/server/data/small_crews_layer.zip]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
for (const k of ['binary', 'web', 'scenario', 'shots']) {
  if (!args[k]) {
    console.error(`e2e: --${k} is required`);
    process.exit(2);
  }
}
const exe = [args.chromium, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
if (!exe) {
  console.log('e2e: SKIPPED: no chromium found (Debian package `chromium`; scripts/install-deps.sh installs it)');
  process.exit(77);
}
if (!fs.existsSync(path.join(args.web, 'index.html'))) {
  console.error(`e2e: the web page is not built in ${args.web} (build the target \`web\`)`);
  process.exit(1);
}
fs.mkdirSync(args.shots, { recursive: true });

let failures = 0;
let passes = 0;
function check(cond, what) {
  if (cond) {
    passes += 1;
    console.log(`ok - ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL - ${what}`);
  }
}

function startServer(data, extra = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(args.binary, ['serve', '--bind', '127.0.0.1', '--port', '0', '--data', data, '--web', args.web, '--workers', '1', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.on('exit', (c) => reject(new Error(`server exited with ${c}: ${out}`)));
  });
}

const data = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-'));
const demoData = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-demo-'));
const { proc, base } = await startServer(data);
let demo = null;
const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  // WebGL through SwiftShader: headless chromium has no GPU.
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
const shot = async (page, name) => {
  const file = path.join(args.shots, name);
  await page.screenshot({ path: file });
  console.log(`screenshot ${file}`);
};

// The map's canvas as pixel counts: how many are the "not yet" red, how many differ from the
// background at all. Rendered pixels, not the DOM.
const pixels = (page) => page.evaluate(() => {
  const src = window.gwMap.getCanvas();
  const c = document.createElement('canvas');
  c.width = src.width;
  c.height = src.height;
  const g = c.getContext('2d');
  g.drawImage(src, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let red = 0;
  let drawn = 0;
  for (let i = 0; i < d.length; i += 4) {
    const [r, gg, b] = [d[i], d[i + 1], d[i + 2]];
    if (Math.abs(r - 0xf4) + Math.abs(gg - 0xf1) + Math.abs(b - 0xea) > 30) drawn += 1;
    if (r > 160 && gg < 90 && b < 80) red += 1;
  }
  return { red, drawn };
});
const idle = (page) => page.evaluate(() => new Promise((resolve) => {
  const m = window.gwMap;
  if (m.loaded() && !m.isMoving()) { m.once('idle', resolve); m.triggerRepaint(); } else m.once('idle', resolve);
}));

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const external = [];
  const local = (u) => u.startsWith(base) || (demo && u.startsWith(demo.base)) || u.startsWith('data:') || u.startsWith('blob:');
  page.on('request', (r) => { if (!local(r.url())) external.push(r.url()); });

  await page.goto(base);
  await page.waitForSelector('#upload-files');
  await page.waitForFunction(() => window.gwMap && window.gwMap.loaded());
  await shot(page, '01-empty.png');
  check((await page.textContent('#message')).includes('No plan yet'), 'an empty server says there is no plan yet');

  // Upload and plan.
  await page.setInputFiles('#upload-files', args.scenario);
  await page.click('#upload-btn');
  await page.waitForFunction(() => document.getElementById('message').textContent.startsWith('uploaded scenario'));
  check(true, 'upload accepted');
  await page.click('#plan-btn');
  await page.waitForFunction(() => document.body.dataset.loadedJob === '1', null, { timeout: 180000 });
  check(true, 'the plan of job 1 loaded');
  await idle(page);
  await shot(page, '02-planned.png');
  const progress = await page.textContent('#progress');
  check(/job 1: done in/.test(progress), `job progress shows the end: "${progress.trim().slice(0, 120)}"`);

  // Rendered features of every layer.
  const rendered = await page.evaluate(() => Object.fromEntries(['roads-line', 'hazards-fill', 'settlements-circle', 'hubs-circle']
    .map((l) => [l, window.gwMap.queryRenderedFeatures({ layers: [l] }).length])));
  console.log(`rendered features: ${JSON.stringify(rendered)}`);
  for (const [l, n] of Object.entries(rendered)) check(n > 0, `the map renders ${l} (${n} features)`);
  const figures = await page.textContent('#figures');
  check(figures.includes('52,786'), 'key figures show the people-days of the small example (52,786)');

  // The slider: at the end every settlement is reached; at day 0 none; the pixels follow.
  const endCounts = await page.evaluate(() => ({ ...document.getElementById('counts').dataset }));
  const endPixels = await pixels(page);
  await page.fill('#day', '0');
  await idle(page);
  await shot(page, '03-day-0.png');
  const startCounts = await page.evaluate(() => ({ ...document.getElementById('counts').dataset }));
  const startPixels = await pixels(page);
  console.log(`counts at the end ${JSON.stringify(endCounts)}, at day 0 ${JSON.stringify(startCounts)}`);
  console.log(`pixels at the end ${JSON.stringify(endPixels)}, at day 0 ${JSON.stringify(startPixels)}`);
  check(Number(endCounts.settlementsReached) === 2, 'at the last day both settlements are reached');
  check(Number(startCounts.settlementsReached) < 2, 'at day 0 fewer settlements are reached');
  check(Number(startCounts.roadsOpen) < Number(endCounts.roadsOpen), 'at day 0 fewer blocked roads are open');
  check(endPixels.drawn > 1000, `the map draws the district (${endPixels.drawn} pixels)`);
  check(startPixels.red > endPixels.red + 100, `day 0 shows more "not yet" red than the last day (${startPixels.red} vs ${endPixels.red})`);
  // Settlements by return: nobody left the small example's villages, so the page opens on access;
  // the return colouring still draws them (and a bad paint expression would be a page error).
  check((await page.inputValue('#settle-by')) === 'access', 'settlements are coloured by access where nobody left');
  await page.selectOption('#settle-by', 'return');
  await idle(page);
  const byReturn = await page.evaluate(() => window.gwMap.queryRenderedFeatures({ layers: ['settlements-circle'] }).length);
  check(byReturn === 2, `coloured by return, both settlements are drawn (${byReturn})`);
  await page.selectOption('#settle-by', 'access');
  await page.fill('#day', '50');
  await idle(page);
  await shot(page, '04-day-50.png');

  // Click a settlement: a popup with its dates.
  const pt = await page.evaluate(() => {
    const f = window.gw.layers.settlements.features.find((x) => x.properties.access_day != null);
    const p = window.gwMap.project(f.geometry.coordinates);
    const r = window.gwMap.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y, name: f.properties.name };
  });
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector('[data-testid=popup]', { timeout: 10000 });
  const popup = await page.textContent('[data-testid=popup]');
  check(popup.includes(pt.name) && popup.includes('safe access'), `clicking a settlement shows its dates ("${popup.slice(0, 80)}")`);
  await shot(page, '05-popup.png');
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.querySelectorAll('.maplibregl-popup').forEach((p) => p.remove()));

  // The Gantt.
  await page.click('button[data-tab=gantt]');
  await page.waitForSelector('#gantt rect.gantt-bar');
  const bars = await page.evaluate(() => Number(document.getElementById('gantt').dataset.bars));
  const assigned = await page.evaluate(() => window.gw.plan.tasks.filter((t) => t.crew != null).length);
  check(bars === assigned && bars > 0, `the Gantt draws one bar per assigned task (${bars} of ${assigned})`);
  await shot(page, '06-gantt.png');
  await page.click('#gantt rect.gantt-bar >> nth=0');
  check((await page.textContent('#message')).startsWith('task '), 'clicking a bar finds its task');
  await page.selectOption('#gantt-trade', 'manual');
  const manualRows = await page.evaluate(() => Number(document.getElementById('gantt').dataset.rows));
  check(manualRows === 1, `the trade filter keeps the manual crew only (${manualRows} row)`);

  // Play moves the day forward.
  await page.fill('#day', '0');
  await page.click('#play');
  await page.waitForTimeout(1500);
  await page.click('#play');
  const played = await page.evaluate(() => window.gw.day);
  check(played > 0, `play moves the slider forward (day ${played})`);

  // A second plan with the other rule, then compare.
  await page.selectOption('#opt-rule', 'nearest');
  await page.click('#plan-btn');
  await page.waitForFunction(() => document.body.dataset.loadedJob === '2', null, { timeout: 180000 });
  await page.click('button[data-tab=compare]');
  await page.selectOption('#cmp-a', '1');
  await page.selectOption('#cmp-b', '2');
  await page.click('#cmp-btn');
  await page.waitForSelector('table.cmp');
  const cmp = await page.textContent('#compare');
  check(cmp.includes('people-days without access') && cmp.includes('settlements gain'), 'compare shows both plans side by side');
  await shot(page, '07-compare.png');

  // One ZIP of a scenario and its layer.
  if (args.zip) {
    await page.setInputFiles('#upload-files', args.zip);
    await page.evaluate(() => { document.getElementById('message').textContent = ''; });
    await page.click('#upload-btn');
    await page.waitForFunction(() => /^upload/.test(document.getElementById('message').textContent));
    const up = await page.textContent('#message');
    check(/^uploaded scenario \d+: .*6 crews/.test(up), `a ZIP of the scenario and its crew layer uploads ("${up.slice(0, 100)}")`);
  }

  // `groundwork serve --demo` (what `make serve` runs): the built-in default district, whose
  // villages people fled, planned at the first start and shown by return.
  demo = await startServer(demoData, ['--demo']);
  await page.goto(demo.base);
  await page.waitForFunction(() => document.body.dataset.loadedJob === '1', null, { timeout: 600000 });
  check(true, 'the default district\'s plan loaded by itself');
  await idle(page);
  check((await page.inputValue('#settle-by')) === 'return', 'a district people fled is coloured by return');
  const summary = await page.evaluate(() => fetch('/api/v1/jobs/1/summary').then((r) => r.json()));
  const demoFigures = await page.textContent('#figures');
  const displaced = summary.population_displaced.toLocaleString('en');
  check(summary.population_displaced > 0 && demoFigures.includes('people-days displaced') && demoFigures.includes(displaced),
    `key figures lead with the displaced (${displaced}) and their people-days`);
  const curves = await page.textContent('#curves');
  check(curves.includes('displaced back home'), 'the curves show the displaced coming home');
  const homeEnd = await page.evaluate(() => ({ ...document.getElementById('counts').dataset }));
  const returnEnd = await pixels(page);
  await shot(page, '08-default-district-by-return.png');
  await page.fill('#day', '0');
  await idle(page);
  const homeStart = await page.evaluate(() => ({ ...document.getElementById('counts').dataset }));
  const returnStart = await pixels(page);
  await shot(page, '09-default-district-day-0.png');
  // The same day by access: the villages reached on day 0 but not yet resettled turn from red.
  await page.selectOption('#settle-by', 'access');
  await idle(page);
  const accessStart = await pixels(page);
  await page.selectOption('#settle-by', 'return');
  console.log(`default district: villages with everyone home at the end ${homeEnd.settlementsHome}, on day 0 ${homeStart.settlementsHome}; red pixels by return at the end ${returnEnd.red}, on day 0 ${returnStart.red}, by access on day 0 ${accessStart.red}`);
  check(Number(homeStart.settlementsHome) < Number(homeEnd.settlementsHome), 'fewer villages have everyone home on day 0 than at the end');
  check(returnStart.red > returnEnd.red + 100, `by return, day 0 shows more "not yet" red than the last day (${returnStart.red} vs ${returnEnd.red})`);
  check(returnStart.red > accessStart.red + 100, `on day 0, return colours more villages "not yet" than access (${returnStart.red} vs ${accessStart.red})`);

  check(external.length === 0, `no request leaves the server (${external.slice(0, 3).join(', ')})`);
  check(consoleErrors.length === 0, `no console error (${consoleErrors.slice(0, 3).join(' | ')})`);
} catch (e) {
  failures += 1;
  console.log(`FAIL - ${e.stack || e}`);
} finally {
  await browser.close();
  proc.kill('SIGTERM');
  if (demo) demo.proc.kill('SIGTERM');
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(demoData, { recursive: true, force: true });
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
