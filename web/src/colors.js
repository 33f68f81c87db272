// Colours of the map and the charts. A sequential ramp for "how early" (dark = early), a fixed red
// for "not yet", so a colour means the same on the map, the legend and the Gantt.
export const NOT_YET = '#c0392b';
export const NEVER_BLOCKED = '#9aa5ad';
export const RAMP = ['#0b3c5d', '#1d6996', '#38a6a5', '#0f8554', '#73af48', '#edad08'];

// A MapLibre expression: the ramp over [0, maxDay] of the numeric property `prop`.
export function rampExpression(prop, maxDay) {
  const m = Math.max(1, maxDay);
  const stops = [];
  RAMP.forEach((c, i) => stops.push((m * i) / (RAMP.length - 1), c));
  return ['interpolate', ['linear'], ['to-number', ['get', prop], 0], ...stops];
}

export function rampColor(day, maxDay) {
  const t = Math.min(1, Math.max(0, day / Math.max(1, maxDay))) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t));
  const f = t - i;
  const a = hex(RAMP[i]);
  const b = hex(RAMP[i + 1]);
  return `rgb(${a.map((x, k) => Math.round(x + (b[k] - x) * f)).join(',')})`;
}

function hex(h) {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

export const TRADE_COLORS = {
  survey: '#8e44ad', manual: '#d35400', dog: '#a0522d', mechanical: '#7f8c8d',
  road: '#2c3e50', bridge: '#16a085', comms: '#2980b9', power: '#f1c40f', general: '#27ae60',
};
// A Gantt bar's colour: its crew's trade (a repair task takes the colour of the brigade's trade).
export function tradeColor(trade) {
  return TRADE_COLORS[trade] || '#555';
}
