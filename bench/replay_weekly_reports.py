#!/usr/bin/env python3
# Weekly replay (docs/replanning.md), run by hand:
#   python3 bench/replay_weekly_reports.py GROUNDWORK SCENARIO PLAN.json TRUTH.json OUTDIR WEEKS
# Weekly replay on a scenario: reports for each week are the work the plan being followed expects
# in that week on each hazard, at the pace a simulated truth gives it (the plan's work factor over
# the truth's), then `groundwork replan` from the end of the week; every re-plan is validated from
# its reported state.
import datetime, json, subprocess, sys, os
gw, scen, plan0, truth, out, weeks = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
start = datetime.date.fromisoformat(json.load(open(scen)).get("parameters", {}).get("start_date", "2027-04-01"))
factor = {h["id"]: h["work_factor"] for h in json.load(open(truth))["hazards"]}
sc = json.load(open(scen))
hz = sc["hazards"]
if isinstance(hz, dict) and "features" in hz:
    area_m2 = {f["properties"]["id"]: f["properties"]["area_m2"] for f in hz["features"]}
else:
    import sqlite3  # a GeoPackage layer (groundwork synth writes hazards.gpkg)
    con = sqlite3.connect(os.path.join(os.path.dirname(scen), hz["source"]))
    area_m2 = dict(con.execute("select id, area_m2 from hazards"))
followed = plan0
rows = []
reported = {}
for w in range(1, weeks + 1):
    lo, hi = (w - 1) * 7 * 1440, w * 7 * 1440
    p = json.load(open(followed))
    # The work factors the plan being followed was made with (a re-plan's, else 1): its times hold
    # the field at that pace, the truth goes at its own.
    planned_factor = p.get("work_factors", {}).get("hazards", {})
    pf = (lambda h: planned_factor.get(h, 1.0)) if "work_factors" in p else (lambda h: 1.0)
    area = {}
    for t in p["tasks"]:
        # Reported tasks count too: work under way, kept by the re-plan, goes on.
        if t.get("crew") is None or t["kind"] in ("survey", "mechanical") or t.get("hazard") is None:
            continue
        s, e = t["start"], t["end"]
        inside = max(0, min(e, hi) - max(s, lo))
        if inside > 0:
            area[t["hazard"]] = area.get(t["hazard"], 0) + t["work"] * min(1, inside / max(1, e - s)) * pf(t["hazard"]) / factor[t["hazard"]]
    day = start + datetime.timedelta(days=w * 7 - 1)
    # No hazard reports more than its work in all.
    total = {}
    for t in p["tasks"]:
        if t["kind"] not in ("survey", "mechanical") and t.get("hazard") is not None:
            total[t["hazard"]] = total.get(t["hazard"], 0) + t["work"]
    for h, a in sorted(area.items()):
        # Work to hazard area (packages on overlapping corridors hold more than the area).
        scale = area_m2[h] / total[h] if area_m2 else 1.0
        a = min(a * scale, total[h] * scale - reported.get(h, 0))
        if a > 0.5:
            reported[h] = reported.get(h, 0) + a
            rows.append((day.isoformat(), h, a))
    rep = os.path.join(out, f"week{w}.csv")
    with open(rep, "w") as f:
        f.write("date,hazard,area_cleared_m2\n")
        for r in rows:
            f.write(f"{r[0]},{r[1]},{int(r[2] * 10) / 10:.1f}\n")
    d = os.path.join(out, f"replan{w}")
    as_of = (start + datetime.timedelta(days=w * 7)).isoformat()
    r = subprocess.run([gw, "replan", scen, followed, "--reports", rep, "--as-of", as_of, "--out", d], capture_output=True, text=True)
    v = subprocess.run([gw, "validate", scen, os.path.join(d, "plan.json"), "--truth", os.path.join(d, "reported.json")], capture_output=True, text=True)
    diff = json.load(open(os.path.join(d, "diff.json"))) if r.returncode == 0 else {}
    # History stays done: every task the plan followed held as done by its as_of is done again.
    undone = 0
    if r.returncode == 0:
        new_plan = json.load(open(os.path.join(d, "plan.json")))
        done_now = {t["id"] for t in new_plan["tasks"] if t.get("reported") and t["end"] <= new_plan.get("as_of", 0)}
        undone = sum(1 for t in p["tasks"] if t.get("reported") and t["end"] <= p.get("as_of", 0) and t["id"] not in done_now)
    print(f"week {w}: {len(rows)} report rows; replan exit {r.returncode}; validate: {v.stdout.splitlines()[0] if v.stdout else v.stderr.strip()[:200]}; "
          f"done {diff.get('tasks_done')}, kept {diff.get('tasks_kept')}, moved {diff.get('tasks_moved')}, instability {diff.get('instability_days')} d, "
          f"people-days displaced {diff.get('people_days_displaced')}; earlier history undone {undone}")
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        break
    followed = os.path.join(d, "plan.json")
