// The stylesheet and the Gantt chart's script of report.html (report_html.cpp), kept apart from the
// C++ that builds the page. Private to report_html.cpp.
#pragma once

namespace gw::io::report_assets {

inline constexpr const char* kStyle = R"CSS(
:root{--ink:#1d2733;--muted:#5d6b7a;--line:#d9dee4;--bg:#f4f6f8;--card:#fff;--accent:#1f4e79}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:var(--accent);color:#fff;padding:18px 32px 20px}
header.top .kicker{font-size:12px;letter-spacing:.08em;text-transform:uppercase;opacity:.8}
header.top h1{margin:4px 0 6px;font-size:26px;font-weight:600}
header.top .meta{font-size:13px;opacity:.9}
header.top .meta b{font-weight:600}
main{max-width:1320px;margin:0 auto;padding:20px 32px 40px}
section{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:18px 22px;margin:0 0 20px}
section h2{margin:0 0 4px;font-size:17px;font-weight:600}
section p.note{margin:0 0 12px;color:var(--muted);font-size:12.5px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:14px;margin:0 0 20px}
.kpi{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:12px 14px}
.kpi .v{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
.kpi .k{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.kpi .s{font-size:12px;color:var(--muted)}
.cols{display:grid;grid-template-columns:minmax(0,1.3fr) minmax(0,1fr);gap:20px;align-items:start}
.cols section{margin:0}
.cols{margin:0 0 20px}
table.figures td:first-child{min-width:200px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.03em}
td.n{text-align:right;white-space:nowrap}
tr.group td{background:#f8fafb;font-weight:600;color:var(--accent)}
.muted{color:var(--muted)}
svg.chart{width:100%;height:auto;display:block}
svg.map{width:100%;height:auto;display:block;max-height:880px;border:1px solid var(--line);border-radius:4px}
.legend b{font-weight:600;margin-right:4px}
.trades{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}
.trades button{font:inherit;font-size:12.5px;padding:3px 10px;border:1px solid var(--line);border-radius:12px;background:#fff;color:var(--ink);cursor:pointer}
.trades button.on{background:var(--accent);border-color:var(--accent);color:#fff}
svg .grid{stroke:#e7ebef;stroke-width:1}
svg .axis{stroke:#8995a1;stroke-width:1}
svg .tick{font-size:12px;fill:#5d6b7a}
svg .tick.date{font-size:10.5px;fill:#8995a1}
svg .label{font-size:13px;fill:#33404d;font-weight:600}
svg .ref{stroke:#8995a1;stroke-dasharray:3 4;stroke-width:1}
svg .reflabel{font-size:11px;fill:#5d6b7a}
svg .mark{stroke:#c0392b;stroke-width:1.2;stroke-dasharray:4 3}
svg .marklabel{font-size:11.5px;fill:#c0392b;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0 0 78px;font-size:12.5px;color:#33404d}
.legend i{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.legend i.line{height:2px;vertical-align:3px}
.bar{display:flex;height:14px;border-radius:3px;overflow:hidden;min-width:160px;background:#eef1f4}
.bar span{display:block;height:100%}
.w{background:#2e7d32}.t{background:#f0a030}.i{background:#cfd6dd}
#gantt-wrap{position:relative}
#gantt-axis{display:block;width:100%;height:34px;border-bottom:1px solid var(--line)}
#gantt-scroll{max-height:720px;overflow-y:auto;overflow-x:hidden;border:1px solid var(--line);border-top:0}
#gantt{display:block;width:100%}
#gantt-tip{position:absolute;pointer-events:none;background:#1d2733;color:#fff;font-size:12px;padding:6px 9px;border-radius:4px;white-space:nowrap;display:none;z-index:2;box-shadow:0 2px 8px rgba(0,0,0,.25)}
footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 24px}
@media print{body{background:#fff}section{break-inside:avoid}#gantt-scroll{max-height:none}}
)CSS";

// Draws the Gantt chart from the JSON in #gantt-data: rows grouped by trade (all trades, or the one
// chosen with the buttons of #gantt-trades), bars per task coloured by kind, travel as a thin grey
// lead-in, a day axis with dates, and a hover tooltip (with the activity of repair and housing).
inline constexpr const char* kGanttScript = R"JS(
(function(){
  var D = JSON.parse(document.getElementById('gantt-data').textContent);
  var axis = document.getElementById('gantt-axis'), cv = document.getElementById('gantt');
  var scroll = document.getElementById('gantt-scroll'), tip = document.getElementById('gantt-tip');
  var wrap = document.getElementById('gantt-wrap');
  var nCrews = D.crews.length, RH = nCrews > 150 ? 11 : (nCrews > 60 ? 14 : 18), GH = 20, LW = 118;
  var T = D.tasks, F = 8;
  var byCrew = []; for (var c = 0; c < nCrews; c++) byCrew.push([]);
  for (var i = 0; i < T.length; i += F) byCrew[T[i]].push(i);
  // Rows of the crews shown (all, or one trade's): a header per trade, then its crews (already
  // sorted by trade in the data).
  var trade = -1, shown = [], rowY = [], groups = [], totalH = 0;
  function layout() {
    shown = []; rowY = []; groups = [];
    var y = 0, last = -1;
    for (var c = 0; c < nCrews; c++) {
      var tr = D.crews[c][1];
      if (trade >= 0 && tr !== trade) continue;
      if (tr !== last) { groups.push({trade: tr, y: y}); y += GH; last = tr; }
      shown.push(c); rowY.push(y); y += RH;
    }
    totalH = y + 4;
  }
  layout();
  var xmax = D.xmax * 1440;
  function dateOf(min) {
    var d = new Date(Date.UTC(D.y, D.m - 1, D.d) + min * 60000);
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }
  function niceStep(range, target) {
    var raw = range / target, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var ms = [1, 2, 2.5, 5, 10];
    for (var k = 0; k < ms.length; k++) if (raw <= ms[k] * mag) return ms[k] * mag;
    return 10 * mag;
  }
  function setup(canvas, h) {
    var dpr = window.devicePixelRatio || 1, w = canvas.clientWidth;
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    canvas.style.height = h + 'px';
    var g = canvas.getContext('2d'); g.setTransform(dpr, 0, 0, dpr, 0, 0);
    return {g: g, w: w};
  }
  var W = 0;
  function X(min) { return LW + (min / xmax) * (W - LW - 10); }
  function draw() {
    // Both canvases share the x scale of the chart canvas, which the scrollbar makes narrower.
    var b = setup(cv, totalH); W = b.w;
    var a = setup(axis, 34), g = a.g;
    var step = niceStep(D.xmax, Math.max(4, Math.floor((W - LW) / 90)));
    g.clearRect(0, 0, a.w, 34); g.font = '11px system-ui,sans-serif'; g.textAlign = 'center';
    for (var d = 0; d <= D.xmax + 1e-9; d += step) {
      var x = X(d * 1440);
      g.fillStyle = '#33404d'; g.fillText('day ' + d, x, 14);
      g.fillStyle = '#8995a1'; g.fillText(dateOf(d * 1440).slice(0, 10), x, 28);
    }
    g.textAlign = 'left'; g.fillStyle = '#5d6b7a'; g.font = '600 11px system-ui,sans-serif';
    g.fillText('Crew', 8, 21);
    g = b.g;
    g.clearRect(0, 0, W, totalH);
    for (d = 0; d <= D.xmax + 1e-9; d += step) {
      g.fillStyle = '#eef1f4'; g.fillRect(Math.round(X(d * 1440)), 0, 1, totalH);
    }
    for (var k = 0; k < groups.length; k++) {
      g.fillStyle = '#f2f5f8'; g.fillRect(0, groups[k].y, W, GH);
      g.fillStyle = '#1f4e79'; g.font = '600 12px system-ui,sans-serif';
      var n = 0; for (c = 0; c < nCrews; c++) if (D.crews[c][1] === groups[k].trade) n++;
      g.fillText(D.trades[groups[k].trade] + ' (' + n + (n === 1 ? ' crew)' : ' crews)'), 8, groups[k].y + 14);
    }
    g.font = (RH >= 14 ? 11 : 9) + 'px system-ui,sans-serif';
    for (var r = 0; r < shown.length; r++) {
      c = shown[r];
      var ry = rowY[r];
      if (r % 2) { g.fillStyle = '#fafbfc'; g.fillRect(LW, ry, W - LW, RH); }
      g.fillStyle = '#5d6b7a'; g.fillText(D.crews[c][0], 8, ry + RH - 3, LW - 14);
      var rows = byCrew[c];
      for (var j = 0; j < rows.length; j++) {
        var o = rows[j], x0 = X(T[o + 2]), x1 = X(T[o + 3]), x2 = X(T[o + 4]);
        if (x1 - x0 >= 1) { g.fillStyle = '#9aa5b1'; g.fillRect(x0, ry + RH / 2 - 0.5, x1 - x0, 1); }
        g.fillStyle = D.colors[T[o + 1]];
        g.fillRect(x1, ry + 2, Math.max(1.5, x2 - x1), RH - 4);
      }
    }
  }
  function hit(ev) {
    var r = cv.getBoundingClientRect(), mx = ev.clientX - r.left, my = ev.clientY - r.top;
    for (var k = 0; k < shown.length; k++) {
      if (my < rowY[k] || my >= rowY[k] + RH) continue;
      var c = shown[k], rows = byCrew[c], best = -1, bd = 4;
      for (var j = 0; j < rows.length; j++) {
        var o = rows[j], x1 = X(T[o + 3]), x2 = Math.max(X(T[o + 4]), x1 + 1.5);
        var dd = mx < x1 ? x1 - mx : (mx > x2 ? mx - x2 : 0);
        if (dd < bd) { bd = dd; best = o; }
      }
      return best < 0 ? null : {c: c, o: best};
    }
    return null;
  }
  cv.addEventListener('mousemove', function(ev) {
    var h = hit(ev);
    if (!h) { tip.style.display = 'none'; return; }
    var o = h.o, cr = D.crews[h.c];
    tip.innerHTML = '';
    var what = D.kinds[T[o + 1]] + (T[o + 7] >= 0 ? ' (' + D.activities[T[o + 7]] + ')' : '');
    var lines = ['Task ' + T[o + 6] + ' \u00b7 ' + what + ' \u00b7 ' + D.targets[T[o + 5]],
      'Crew ' + cr[0] + ' (' + D.trades[cr[1]] + ', ' + cr[2] + ' people)',
      'Work: day ' + (T[o + 3] / 1440).toFixed(2) + ' \u2192 ' + (T[o + 4] / 1440).toFixed(2) +
        '  (' + dateOf(T[o + 3]) + ' \u2192 ' + dateOf(T[o + 4]) + ')',
      'Travel: ' + (T[o + 3] - T[o + 2]) + ' min before start'];
    for (var k = 0; k < lines.length; k++) {
      var div = document.createElement('div'); div.textContent = lines[k]; tip.appendChild(div);
    }
    var wr = wrap.getBoundingClientRect();
    tip.style.display = 'block';
    var left = ev.clientX - wr.left + 14;
    if (left + tip.offsetWidth > wr.width) left = ev.clientX - wr.left - tip.offsetWidth - 14;
    tip.style.left = left + 'px'; tip.style.top = (ev.clientY - wr.top + 14) + 'px';
  });
  cv.addEventListener('mouseleave', function() { tip.style.display = 'none'; });
  var buttons = document.querySelectorAll('#gantt-trades button');
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener('click', function() {
      trade = parseInt(this.getAttribute('data-trade'), 10);
      for (var k = 0; k < buttons.length; k++) buttons[k].classList.toggle('on', buttons[k] === this);
      layout(); tip.style.display = 'none'; draw();
    });
  }
  var pending = 0;
  window.addEventListener('resize', function() {
    cancelAnimationFrame(pending); pending = requestAnimationFrame(draw);
  });
  draw();
})();
)JS";

}  // namespace gw::io::report_assets
