// The crews' Gantt chart as one SVG: a row per crew (grouped by trade), a bar per task from its
// start to its end day. Clicking a bar calls onTask(task).
import { tradeColor } from './colors.js';

const ROW = 14;
const LEFT = 120;
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

export function drawGantt(container, { tasks, crews, trade, maxDay, day, onTask }) {
  container.textContent = '';
  const rows = crews.filter((c) => !trade || c.trade === trade);
  const byCrew = new Map();
  for (const t of tasks) {
    if (t.crew == null) continue;
    if (!byCrew.has(t.crew)) byCrew.set(t.crew, []);
    byCrew.get(t.crew).push(t);
  }
  const width = Math.max(600, container.clientWidth || 900);
  const plotW = width - LEFT - 10;
  const height = 24 + rows.length * ROW;
  const x = (d) => LEFT + (Math.max(0, d) / Math.max(1, maxDay)) * plotW;
  const svg = el('svg', { width, height, class: 'gantt-svg', role: 'img', 'aria-label': 'crew Gantt chart' }, container);
  // Month ticks (30 days).
  for (let d = 0; d <= maxDay; d += 30) {
    el('line', { x1: x(d), x2: x(d), y1: 16, y2: height, class: 'gantt-grid' }, svg);
    const t = el('text', { x: x(d) + 2, y: 12, class: 'gantt-tick' }, svg);
    t.textContent = `day ${d}`;
  }
  let bars = 0;
  rows.forEach((c, i) => {
    const y = 20 + i * ROW;
    const label = el('text', { x: 4, y: y + ROW - 4, class: 'gantt-label' }, svg);
    label.textContent = c.id;
    for (const t of byCrew.get(c.id) || []) {
      const r = el('rect', {
        x: x(t.start_day), y: y + 1, width: Math.max(1.5, x(t.end_day) - x(t.start_day)), height: ROW - 3,
        fill: tradeColor(c.trade), class: 'gantt-bar', 'data-task': t.id,
      }, svg);
      const title = el('title', {}, r);
      title.textContent = `${t.kind} ${t.hazard || t.asset || ''} · ${c.id} · day ${t.start_day}–${t.end_day}`;
      r.addEventListener('click', () => onTask(t));
      bars += 1;
    }
  });
  if (day != null) el('line', { x1: x(day), x2: x(day), y1: 16, y2: height, class: 'gantt-now' }, svg);
  container.dataset.bars = String(bars);
  container.dataset.rows = String(rows.length);
  return bars;
}
