// The page of `groundwork serve`: the district on a map coloured by day, a time slider, key
// figures, curves, the crews' Gantt chart, job progress, upload and compare. No network beyond
// the server itself: no tile server (unless the user gives one with ?basemap=URL), no CDN.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import './style.css';
import { ApiError, getJson, getToken, postJson, setToken, streamEvents, uploadScenario } from './api.js';
import { NEVER_BLOCKED, NOT_YET, rampColor, rampExpression } from './colors.js';
import { drawCurves, releaseDay, setCurveDay } from './curves.js';
import { drawGantt } from './gantt.js';

maplibregl.setWorkerUrl(workerUrl);

const $ = (id) => document.getElementById(id);
const state = {
  jobs: [], scenarios: [], job: null, layers: null, plan: null, summary: null, scenario: null,
  crews: [], maxDay: 1, day: 0, playing: null, streams: new Map(), loaded: false,
  settleBy: 'access', // the settlements' colour: the day of safe access, or of the first return
};
// For the browser tests and for people poking at the page from the console.
window.gw = state;

function message(text, isError = false) {
  const m = $('message');
  m.textContent = text;
  m.classList.toggle('error', isError);
}

function fmt(x, digits = 0) {
  if (x == null || Number.isNaN(x)) return '—';
  return Number(x).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// ---- map ---------------------------------------------------------------------------------------

const params = new URLSearchParams(location.search);
const basemap = params.get('basemap');
const style = {
  version: 8,
  sources: basemap ? { basemap: { type: 'raster', tiles: [basemap], tileSize: 256 } } : {},
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
    ...(basemap ? [{ id: 'basemap', type: 'raster', source: 'basemap' }] : []),
  ],
};
const map = new maplibregl.Map({
  container: 'map', style, center: [36, 49], zoom: 9, attributionControl: false,
  // Keeps the canvas readable for screenshots and tests.
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
window.gwMap = map;
const mapReady = new Promise((resolve) => map.on('load', resolve));

const empty = { type: 'FeatureCollection', features: [] };
mapReady.then(() => {
  for (const id of ['hazards', 'roads', 'settlements', 'hubs', 'highlight']) map.addSource(id, { type: 'geojson', data: empty });
  map.addLayer({ id: 'hazards-fill', type: 'fill', source: 'hazards', paint: { 'fill-opacity': 0.7 } });
  map.addLayer({ id: 'hazards-line', type: 'line', source: 'hazards', paint: { 'line-color': '#5b3a29', 'line-width': 0.6 } });
  map.addLayer({ id: 'roads-line', type: 'line', source: 'roads', layout: { 'line-cap': 'round' } });
  map.addLayer({ id: 'settlements-circle', type: 'circle', source: 'settlements', paint: {
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['to-number', ['get', 'population'], 0]], 0, 4, 100, 18],
    'circle-stroke-color': '#fff', 'circle-stroke-width': 1.2 } });
  map.addLayer({ id: 'hubs-circle', type: 'circle', source: 'hubs', paint: {
    'circle-radius': 7, 'circle-color': '#111', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2.5 } });
  map.addLayer({ id: 'highlight-circle', type: 'circle', source: 'highlight', paint: {
    'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#e600e6', 'circle-stroke-width': 3 } });
  for (const layer of ['roads-line', 'hazards-fill', 'settlements-circle', 'hubs-circle']) {
    map.on('click', layer, (e) => showFeature(layer, e.features[0], e.lngLat));
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
});

// Paint of every layer for day `d`: what is open, released or reached by then takes the ramp
// colour of the day it happened; what is not yet is red.
function paintForDay(d) {
  if (!state.layers || !map.getLayer('roads-line')) return;
  const m = state.maxDay;
  const done = (prop) => ['all', ['!=', ['get', prop], null], ['<=', ['to-number', ['get', prop], 0], d]];
  map.setPaintProperty('roads-line', 'line-color', ['case',
    ['!', ['get', 'blocked']], NEVER_BLOCKED,
    done('open_day'), rampExpression('open_day', m),
    NOT_YET]);
  map.setPaintProperty('roads-line', 'line-width', ['case', ['get', 'blocked'], 2.6, 1.2]);
  map.setPaintProperty('roads-line', 'line-dasharray', [1, 0]);
  const rel = ['coalesce', ['get', 'cancelled_day'], ['get', 'cleared_day']];
  map.setPaintProperty('hazards-fill', 'fill-color', ['case',
    ['all', ['!=', rel, null], ['<=', ['to-number', rel, 0], d]],
    ['interpolate', ['linear'], ['to-number', rel, 0], 0, '#b8e0b0', Math.max(1, m), '#2e7d32'],
    ['==', ['get', 'status'], 'confirmed'], '#e74c3c', '#f39c12']);
  const byAccess = ['case', done('access_day'), rampExpression('access_day', m), NOT_YET];
  // By return: a settlement nobody left keeps its access colour; one people left takes the ramp
  // colour of the day the first of them come home, red until then.
  map.setPaintProperty('settlements-circle', 'circle-color', state.settleBy !== 'return' ? byAccess
    : ['case', ['<=', ['to-number', ['get', 'population_displaced'], 0], 0], byAccess,
      done('return_day'), rampExpression('return_day', m), NOT_YET]);
}

function countsForDay(d) {
  const L = state.layers;
  const blocked = L.roads.features.filter((f) => f.properties.blocked);
  const open = blocked.filter((f) => f.properties.open_day != null && f.properties.open_day <= d).length;
  const haz = L.hazards.features;
  const released = haz.filter((f) => { const r = releaseDay(f.properties); return r != null && r <= d; }).length;
  const st = L.settlements.features;
  const reached = st.filter((f) => f.properties.access_day != null && f.properties.access_day <= d);
  const pop = st.reduce((s, f) => s + (f.properties.population || 0), 0);
  const popReached = reached.reduce((s, f) => s + (f.properties.population || 0), 0);
  const left = st.filter((f) => (f.properties.population_displaced || 0) > 0);
  const home = left.filter((f) => f.properties.returned_day_100 != null && f.properties.returned_day_100 <= d);
  return { roadsOpen: open, roadsBlocked: blocked.length, hazardsReleased: released, hazards: haz.length,
    settlementsReached: reached.length, settlements: st.length, people: popReached, population: pop,
    settlementsHome: home.length, settlementsLeft: left.length };
}

function setDay(d) {
  state.day = Math.max(0, Math.min(state.maxDay, d));
  $('day').value = String(state.day);
  const date = state.summary && state.summary.start_date ? dateOf(state.summary.start_date, state.day) : '';
  $('day-label').textContent = `day ${fmt(state.day)}${date ? ` · ${date}` : ''}`;
  if (!state.layers) return;
  paintForDay(state.day);
  const c = countsForDay(state.day);
  const counts = $('counts');
  counts.textContent = `roads open ${c.roadsOpen}/${c.roadsBlocked} · hazards released ${c.hazardsReleased}/${c.hazards} · settlements reached ${c.settlementsReached}/${c.settlements} (${fmt((100 * c.people) / Math.max(1, c.population), 0)} % of people)${c.settlementsLeft ? ` · everyone home in ${c.settlementsHome}/${c.settlementsLeft}` : ''}`;
  Object.assign(counts.dataset, { roadsOpen: c.roadsOpen, hazardsReleased: c.hazardsReleased, settlementsReached: c.settlementsReached, settlementsHome: c.settlementsHome });
  setCurveDay(state.day);
  const now = document.querySelector('.gantt-now');
  if (now) {
    const svg = now.ownerSVGElement;
    const w = Number(svg.getAttribute('width'));
    const x = 120 + (state.day / Math.max(1, state.maxDay)) * (w - 130);
    now.setAttribute('x1', x);
    now.setAttribute('x2', x);
  }
}

function dateOf(start, day) {
  const t = Date.parse(`${start}T00:00:00Z`);
  if (Number.isNaN(t)) return '';
  return new Date(t + day * 86400000).toISOString().slice(0, 10);
}

function tasksOn(layer, p) {
  if (!state.plan) return [];
  const ts = state.plan.tasks;
  if (layer === 'hazards-fill') return ts.filter((t) => t.hazard === p.id);
  if (layer === 'roads-line') return ts.filter((t) => t.corridor_edge === p.edge || t.site_edge === p.edge);
  return [];
}

function showFeature(layer, f, lngLat) {
  const p = f.properties;
  const rows = [];
  const add = (k, v) => rows.push(`<tr><th>${k}</th><td>${v ?? '—'}</td></tr>`);
  const day = (v) => (v == null || v === 'null' ? 'never' : `day ${fmt(v, 1)} (${dateOf(state.summary.start_date, Number(v))})`);
  let title = '';
  if (layer === 'roads-line') {
    title = `Road edge ${p.edge} (${p.class}${p.bridge ? ', bridge' : ''})`;
    add('length', `${fmt(p.length_m)} m`);
    add('opens', p.blocked ? day(p.open_day) : 'open from the start');
  } else if (layer === 'hazards-fill') {
    title = `Hazard ${p.id}`;
    add('status', p.status);
    add('contamination', p.contamination);
    add('terrain / land use', `${p.terrain} / ${p.land_use}`);
    add('area', `${fmt(p.area_m2 / 1e4, 2)} ha`);
    add('cancelled', p.cancelled_day != null && p.cancelled_day !== 'null' ? day(p.cancelled_day) : '—');
    add('cleared', p.cleared_day != null && p.cleared_day !== 'null' ? day(p.cleared_day) : '—');
  } else if (layer === 'settlements-circle') {
    title = `${p.name || p.id}`;
    add('population', fmt(p.population));
    add('safe access', day(p.access_day));
    if ((p.population_displaced || 0) > 0) {
      add('displaced on day 0', fmt(p.population_displaced));
      add('first return', day(p.return_day));
      add('everyone home', day(p.returned_day_100));
    }
    for (const s of ['power', 'water', 'heat', 'gas', 'comms', 'clinic', 'school']) if (`${s}_day` in p) add(s, day(p[`${s}_day`]));
  } else {
    title = `Hub ${p.name || p.id}`;
    add('kind', p.kind);
    add('crews based here', state.crews.filter((c) => c.base === p.id).length);
  }
  const tasks = tasksOn(layer, p);
  const list = tasks.slice(0, 12).map((t) => `<li>${t.kind} · ${t.crew ?? 'unassigned'} · day ${fmt(t.start_day, 1)}–${fmt(t.end_day, 1)}</li>`).join('');
  new maplibregl.Popup({ maxWidth: '340px' }).setLngLat(lngLat)
    .setHTML(`<div class="popup" data-testid="popup"><h3>${escapeHtml(title)}</h3><table>${rows.join('')}</table>${tasks.length ? `<div>Tasks (${tasks.length}):</div><ul>${list}</ul>` : ''}</div>`)
    .addTo(map);
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function bounds(fc) {
  let w = 180; let s = 90; let e = -180; let n = -90;
  const visit = (c) => {
    if (typeof c[0] === 'number') { w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]); } else c.forEach(visit);
  };
  fc.features.forEach((f) => visit(f.geometry.coordinates));
  return [[w, s], [e, n]];
}

// ---- data --------------------------------------------------------------------------------------

async function loadJob(id) {
  const base = `/api/v1/jobs/${id}`;
  const [job, summary, roads, hazards, settlements, plan] = await Promise.all([
    getJson(base), getJson(`${base}/summary`), getJson(`${base}/layers/roads`), getJson(`${base}/layers/hazards`),
    getJson(`${base}/layers/settlements`), getJson(`${base}/files/plan.json`)]);
  const scenario = await getJson(`/api/v1/scenarios/${job.scenario}/scenario.json`);
  Object.assign(state, { job, summary, plan, scenario, layers: { roads, hazards, settlements } });
  state.crews = Array.isArray(scenario.crews) ? scenario.crews
    : [...new Set(plan.tasks.map((t) => t.crew).filter((c) => c != null))].map((c) => ({ id: c, trade: '' }));
  state.maxDay = Math.max(1, Math.ceil(summary.makespan_days || 1));
  $('day').max = String(state.maxDay);
  $('job-title').textContent = `${summary.scenario || ''} · rule ${summary.rule}${job.valid === false ? ' · PLAN INVALID' : ''}`;
  await mapReady;
  map.getSource('roads').setData(roads);
  map.getSource('hazards').setData(hazards);
  map.getSource('settlements').setData(settlements);
  // Colour by return where people left, else by access.
  state.settleBy = settlements.features.some((f) => (f.properties.population_displaced || 0) > 0) ? 'return' : 'access';
  $('settle-by').value = state.settleBy;
  const hubs = scenario.hubs && scenario.hubs.type === 'FeatureCollection' ? scenario.hubs : empty;
  map.getSource('hubs').setData(hubs);
  map.getSource('highlight').setData(empty);
  map.fitBounds(bounds({ type: 'FeatureCollection', features: [...roads.features, ...hazards.features, ...settlements.features, ...hubs.features] }), { padding: { top: 50, bottom: 50, left: 70, right: 70 }, duration: 0 });
  showFigures();
  showLegend();
  showDownloads(id);
  const trades = [...new Set(state.crews.map((c) => c.trade).filter(Boolean))];
  $('gantt-trade').innerHTML = `<option value="">all</option>${trades.map((t) => `<option>${t}</option>`).join('')}`;
  drawCurves($('curves'), state.layers, state.maxDay, 0, state.summary);
  redrawGantt();
  setDay(state.maxDay);
  $('job-select').value = String(id);
  state.loaded = true;
  document.body.dataset.loadedJob = String(id);
}

function showLegend() {
  const m = state.maxDay;
  const ramp = [0, 0.25, 0.5, 0.75, 1].map((t) => `<span class="sw" style="background:${rampColor(t * m, m)}"></span>${fmt(t * m)}`).join(' ');
  $('legend').innerHTML = `<div><b>opened / reached / released on day</b></div><div>${ramp}</div>
    <div><span class="sw" style="background:${NOT_YET}"></span>not yet &nbsp; <span class="sw" style="background:${NEVER_BLOCKED}"></span>road never blocked</div>
    <div><span class="sw" style="background:#f39c12"></span>suspected <span class="sw" style="background:#e74c3c"></span>confirmed <span class="sw" style="background:#2e7d32"></span>released hazard</div>
    <div><span class="sw" style="background:#111;border-radius:50%;width:10px;height:10px"></span>hub</div>`;
}

function showFigures() {
  const s = state.summary;
  const o = s.objective || {};
  // A district people fled leads with their return; the plan's objective with its bound and gap.
  const f = (s.population_displaced || 0) > 0 ? [
    ['displaced on day 0', fmt(s.population_displaced)],
    ['people-days displaced', fmt(s.people_days_displaced)],
    ['days to 50 / 90 / 100 % home', `${fmt(s.days_to_return_50, 1)} / ${fmt(s.days_to_return_90, 1)} / ${fmt(s.days_to_return_100, 1)}`],
  ] : [];
  if (o.kind && o.kind !== 'access') {
    f.push([`objective: ${o.kind}`, fmt(o.value)]);
    if (o.lower_bound != null) f.push(['objective bound (gap)', `${fmt(o.lower_bound)} (${fmt(o.gap_percent, 1)} %)`]);
  }
  f.push(
    ['people-days without safe access', fmt(s.people_days_without_access)],
    ['lower bound (gap)', `${fmt(s.lower_bound_people_days)} (${fmt(s.gap_percent, 1)} %)`],
    ['days to 50 / 90 / 100 % access', `${fmt(s.days_to_access_50, 1)} / ${fmt(s.days_to_access_90, 1)} / ${fmt(s.days_to_access_100, 1)}`],
    ['hectares released', fmt(s.hectares_released, 1)],
    ['makespan', `${fmt(s.makespan_days, 1)} days`],
    ['tasks / crews', `${fmt(s.tasks)} / ${fmt(s.crews)}`],
    ['population', fmt(s.population_total)],
  );
  $('figures').innerHTML = f.map(([k, v]) => `<div class="fig"><span>${k}</span><b>${v}</b></div>`).join('');
}

function showDownloads(id) {
  const files = ['report.html', 'plan.gpkg', 'plan.json', 'schedule.csv', 'summary.json', 'roads.geojson', 'hazards.geojson', 'settlements.geojson'];
  $('downloads').innerHTML = files.map((f) => `<a href="/api/v1/jobs/${id}/files/${f}" ${f === 'report.html' ? 'target="_blank"' : 'download'}>${f}</a>`).join(' ');
}

function redrawGantt() {
  if (!state.plan) return;
  drawGantt($('gantt'), {
    tasks: state.plan.tasks, crews: state.crews, trade: $('gantt-trade').value, maxDay: state.maxDay, day: state.day,
    onTask: (t) => {
      map.getSource('highlight').setData({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: t.site }, properties: {} }] });
      map.flyTo({ center: t.site, zoom: Math.max(map.getZoom(), 13) });
      setDay(Math.ceil(t.end_day));
      message(`task ${t.id}: ${t.kind}${t.hazard ? ` of hazard ${t.hazard}` : ''}${t.asset ? ` of ${t.asset}` : ''} by ${t.crew}, day ${fmt(t.start_day, 1)}–${fmt(t.end_day, 1)}`);
    },
  });
}

async function refreshLists() {
  const [{ jobs }, { scenarios }] = await Promise.all([getJson('/api/v1/jobs'), getJson('/api/v1/scenarios')]);
  state.jobs = jobs;
  state.scenarios = scenarios;
  const name = (j) => (scenarios.find((s) => s.id === j.scenario) || {}).name || `scenario ${j.scenario}`;
  const label = (j) => `#${j.id} ${name(j)} (${j.options.rule || 'impact'}) · ${j.state}`;
  const withPlan = jobs.filter((j) => j.has_plan);
  const sel = $('job-select');
  const keep = sel.value;
  sel.innerHTML = withPlan.map((j) => `<option value="${j.id}">${escapeHtml(label(j))}</option>`).join('');
  if (keep) sel.value = keep;
  for (const id of ['cmp-a', 'cmp-b']) {
    const c = $(id);
    const k = c.value;
    c.innerHTML = withPlan.map((j) => `<option value="${j.id}">${escapeHtml(label(j))}</option>`).join('');
    if (k) c.value = k;
  }
  if (withPlan.length > 1 && !$('cmp-b').dataset.touched) $('cmp-b').value = String(withPlan[withPlan.length - 1].id);
  const ss = $('scenario-select');
  const ks = ss.value;
  ss.innerHTML = scenarios.map((s) => `<option value="${s.id}">#${s.id} ${escapeHtml(s.name)}</option>`).join('');
  if (ks) ss.value = ks;
  return { jobs, withPlan };
}

// Follows a job's events; loads its plan when it is done.
function follow(jobId) {
  if (state.streams.has(jobId)) return;
  const ctl = new AbortController();
  state.streams.set(jobId, ctl);
  const box = $('progress');
  const line = document.createElement('div');
  line.className = 'job-line';
  line.dataset.job = String(jobId);
  box.prepend(line);
  const show = (text) => { line.textContent = `job ${jobId}: ${text}`; };
  show('queued');
  streamEvents(jobId, (type, d) => {
    if (type === 'state') show(d.state);
    else if (type === 'phase') show(`${d.phase} · ${fmt(d.elapsed_s, 1)} s`);
    else if (type === 'progress') show(`search · ${fmt(d.elapsed_s, 1)} s · best ${fmt(d.best, 1)} (${fmt(d.improvement_percent, 1)} % better than the best rule) · ${fmt(d.evaluations)} evaluations`);
    else if (type === 'end') {
      line.dataset.state = d.state;
      if (d.state === 'done') {
        show(`done in ${fmt(d.elapsed_s, 1)} s · ${fmt(d.people_days_without_access)} people-days without access · gap ${fmt(d.gap_percent, 1)} %`);
        message('');
        refreshLists().then(() => loadJob(jobId)).catch((e) => message(e.message, true));
      } else {
        show(`${d.state}${d.error ? `: ${d.error.code}: ${d.error.message}` : ''}`);
        refreshLists().catch(() => {});
      }
    }
  }, ctl.signal).catch((e) => { if (e.name !== 'AbortError') show(`stream lost: ${e.message}`); })
    .finally(() => state.streams.delete(jobId));
}

// ---- controls ----------------------------------------------------------------------------------

$('day').addEventListener('input', (e) => setDay(Number(e.target.value)));
$('settle-by').addEventListener('change', (e) => { state.settleBy = e.target.value; paintForDay(state.day); });
$('play').addEventListener('click', () => {
  if (state.playing) {
    clearInterval(state.playing);
    state.playing = null;
    $('play').textContent = '▶';
    return;
  }
  if (state.day >= state.maxDay) setDay(0);
  $('play').textContent = '❚❚';
  const step = Math.max(1, Math.round(state.maxDay / 150));
  state.playing = setInterval(() => {
    if (state.day >= state.maxDay) {
      clearInterval(state.playing);
      state.playing = null;
      $('play').textContent = '▶';
      return;
    }
    setDay(state.day + step);
  }, 80);
});
$('job-select').addEventListener('change', (e) => loadJob(Number(e.target.value)).catch((err) => message(err.message, true)));
$('gantt-trade').addEventListener('change', redrawGantt);
for (const b of document.querySelectorAll('#tabs button')) {
  b.addEventListener('click', () => {
    for (const o of document.querySelectorAll('#tabs button')) o.classList.toggle('active', o === b);
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.id === `tab-${b.dataset.tab}`);
    if (b.dataset.tab === 'gantt') redrawGantt();
    if (b.dataset.tab === 'curves' && state.layers) drawCurves($('curves'), state.layers, state.maxDay, state.day, state.summary);
  });
}
$('token').value = getToken();
$('token').addEventListener('change', (e) => { setToken(e.target.value.trim()); start(); });

$('upload-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const files = [...$('upload-files').files];
    if (!files.length) throw new ApiError(400, 'invalid_input', 'choose a scenario file first');
    const sc = await uploadScenario(files);
    await refreshLists();
    $('scenario-select').value = String(sc.id);
    message(`uploaded scenario ${sc.id}: ${sc.name} (${sc.counts.settlements} settlements, ${sc.counts.hazards} hazards, ${sc.counts.crews} crews)`);
  } catch (err) {
    message(`upload refused: ${err.message}`, true);
  }
});

$('plan-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const options = { rule: $('opt-rule').value, seed: Number($('opt-seed').value), threads: Number($('opt-threads').value) };
    const t = Number($('opt-time').value);
    if (t > 0) options.time_limit_s = t;
    if ($('opt-objective').value) options.objective = $('opt-objective').value;
    const scenario = Number($('scenario-select').value);
    if (!scenario) throw new ApiError(400, 'invalid_input', 'upload or choose a scenario first');
    const { id } = await postJson('/api/v1/jobs', { scenario, options });
    message(`job ${id} queued`);
    follow(id);
  } catch (err) {
    message(`not started: ${err.message}`, true);
  }
});

$('cmp-a').addEventListener('change', () => { $('cmp-a').dataset.touched = '1'; });
$('cmp-b').addEventListener('change', () => { $('cmp-b').dataset.touched = '1'; });
$('cmp-btn').addEventListener('click', async () => {
  const a = $('cmp-a').value;
  const b = $('cmp-b').value;
  try {
    const c = await getJson(`/api/v1/compare?a=${a}&b=${b}&top=15`);
    const rows = [
      ['people-days without access', 'people_days_without_access', 0],
      ['days to 50 % access', 'days_to_access_50', 1], ['days to 90 % access', 'days_to_access_90', 1],
      ['days to 100 % access', 'days_to_access_100', 1], ['hectares released', 'hectares_released', 1],
      ['makespan (days)', 'makespan_days', 1]];
    const fig = (side, k, d) => fmt(c[side][k], d);
    const gains = (c.settlements.top_gains || []).map((g) => `<li>${escapeHtml(g.name || g.id)}: ${fmt(g.days_gained, 1)} days earlier (${fmt(g.population)} people)</li>`).join('');
    const losses = (c.settlements.top_losses || []).map((g) => `<li>${escapeHtml(g.name || g.id)}: ${fmt(-g.days_gained, 1)} days later (${fmt(g.population)} people)</li>`).join('');
    $('compare').innerHTML = `<table class="cmp"><tr><th></th><th>A: job ${a}</th><th>B: job ${b}</th></tr>${rows.map(([l, k, d]) => `<tr><td>${l}</td><td>${fig('a', k, d)}</td><td>${fig('b', k, d)}</td></tr>`).join('')}</table>
      <p>${c.settlements.gained} settlements gain, ${c.settlements.lost} lose, ${c.settlements.unchanged} unchanged.</p>
      <div class="cmp-lists"><div><h4>Gain most</h4><ul>${gains || '<li>none</li>'}</ul></div><div><h4>Lose most</h4><ul>${losses || '<li>none</li>'}</ul></div></div>`;
  } catch (err) {
    $('compare').textContent = `compare failed: ${err.message}`;
  }
});

// ---- start -------------------------------------------------------------------------------------

async function start() {
  try {
    const { jobs, withPlan } = await refreshLists();
    const wanted = Number(params.get('job'));
    const pick = withPlan.find((j) => j.id === wanted) || withPlan.filter((j) => j.state === 'done').pop() || withPlan[withPlan.length - 1];
    for (const j of jobs) if (j.state === 'queued' || j.state === 'running') follow(j.id);
    if (pick) await loadJob(pick.id);
    else if (!jobs.length) message('No plan yet: upload a scenario and plan it.');
    else message('Waiting for the first plan…');
  } catch (err) {
    message(err.status === 401 ? 'This server needs a token (top right).' : err.message, true);
  }
}
start();
