// The report's curves over the days of the plan (uPlot): the share of the population with safe
// access, hectares released and kilometres of blocked road opened, computed from the layers; and
// where people fled, the share of the displaced back home at each month's end (the summary's
// returned_by_month: days 30, 60, ... and the curves' last day).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function curveData(layers, maxDay, summary) {
  const days = [];
  for (let d = 0; d <= Math.ceil(maxDay); d += 1) days.push(d);
  const settl = layers.settlements.features.map((f) => f.properties);
  const pop = settl.reduce((s, p) => s + (p.population || 0), 0) || 1;
  const haz = layers.hazards.features.map((f) => f.properties);
  const blocked = layers.roads.features.map((f) => f.properties).filter((p) => p.blocked);
  const access = days.map((d) => (100 * settl.reduce((s, p) => s + (p.access_day != null && p.access_day <= d ? p.population : 0), 0)) / pop);
  const released = days.map((d) => haz.reduce((s, p) => {
    const r = releaseDay(p);
    return s + (r != null && r <= d ? p.area_m2 / 1e4 : 0);
  }, 0));
  const km = days.map((d) => blocked.reduce((s, p) => s + (p.open_day != null && p.open_day <= d ? p.length_m / 1000 : 0), 0));
  const data = [days, access, released, km];
  const displaced = (summary && summary.population_displaced) || 0;
  if (displaced > 0 && Array.isArray(summary.returned_by_month)) {
    const home = days.map(() => null);
    summary.returned_by_month.forEach((n, i) => {
      const d = Math.min(30 * (i + 1), days.length - 1);
      home[d] = (100 * n) / displaced;
    });
    data.push(home);
  }
  return data;
}

export function releaseDay(p) {
  if (p.cancelled_day != null) return p.cancelled_day;
  return p.cleared_day;
}

let plot = null;
export function drawCurves(container, layers, maxDay, day, summary) {
  const data = curveData(layers, maxDay, summary);
  if (plot) plot.destroy();
  container.textContent = '';
  const width = Math.max(500, container.clientWidth || 900);
  plot = new uPlot({
    width, height: 200,
    scales: { x: { time: false }, pct: { range: [0, 100] } },
    axes: [
      { label: 'day' },
      { scale: 'pct', label: '% population with access' },
      { scale: 'ha', side: 1, label: 'ha released / km opened', grid: { show: false } },
    ],
    series: [
      { label: 'day' },
      { label: 'population with access (%)', scale: 'pct', stroke: '#1d6996', width: 2 },
      { label: 'hectares released', scale: 'ha', stroke: '#0f8554', width: 2 },
      { label: 'km of blocked road opened', scale: 'ha', stroke: '#edad08', width: 2 },
      ...(data.length > 4 ? [{ label: 'displaced back home (%)', scale: 'pct', stroke: '#94346e', width: 2, spanGaps: true }] : []),
    ],
    cursor: { drag: { x: false, y: false } },
  }, data, container);
  setCurveDay(day);
  return plot;
}

export function setCurveDay(day) {
  if (plot && day != null) plot.setCursor({ left: plot.valToPos(day, 'x'), top: 10 });
}
