"""Independent SRM-5 reference scorer, written from shared/spec/srm.md §2.2 (exact integer ties),
used to cross-check `ipsrt srm score` on generated diaries.

    python3 scripts/dev/srm_crosscheck.py gen /tmp/d.csv
    target/release/ipsrt srm score /tmp/d.csv > /tmp/r.csv
    python3 scripts/dev/srm_crosscheck.py cmp /tmp/d.csv /tmp/r.csv
"""
import csv, math, random, sys, datetime as dt
from fractions import Fraction
ITEMS = ["out_of_bed","first_contact","start_work","dinner","to_bed"]
def unwrap(xs):
    C = sum(math.cos(2*math.pi*x/1440) for x in xs); S = sum(math.sin(2*math.pi*x/1440) for x in xs)
    mu = (math.atan2(S, C) * 1440 / (2*math.pi)) % 1440
    return [round(mu + ((x - mu + 720) % 1440) - 720) for x in xs]
def score_item(xs, k=Fraction(3,2), window=45):
    if len(xs) < 3: return None
    xs = unwrap(xs); n = len(xs); S = sum(xs); Q = sum(x*x for x in xs)
    p, q = k.numerator, k.denominator
    kept = [x for x in xs if (n-1)*(n*x-S)**2*q*q <= p*p*n*(n*Q-S*S)]
    Sk = sum(kept); kk = len(kept)
    return sum(1 for x in kept if abs(kk*x - Sk) <= window*kk)
def gen(path, participants=40, weeks=6, seed=7):
    rnd = random.Random(seed)
    base = {"out_of_bed":420,"first_contact":480,"start_work":540,"dinner":1110,"to_bed":1400}
    with open(path,"w",newline="") as f:
        w = csv.writer(f); w.writerow(["participant","date","item","time"])
        for p in range(participants):
            start = dt.date(2026,1,5) + dt.timedelta(days=rnd.randrange(7))
            spread = rnd.choice([5,15,30,45,60,90])
            for d in range(7*weeks):
                day = start + dt.timedelta(days=d)
                for it in ITEMS:
                    r = rnd.random()
                    if r < 0.08: continue  # not recorded
                    if r < 0.12: w.writerow([f"P{p:02}", day.isoformat(), it, ""]); continue  # not done
                    t = base[it] + round(rnd.gauss(0, spread)) + (rnd.choice([-180,180]) if rnd.random()<0.05 else 0)
                    t %= 1440
                    w.writerow([f"P{p:02}", day.isoformat(), it, f"{t//60:02}:{t%60:02}"])
def score(path):
    rows = {}
    for r in csv.DictReader(open(path)):
        rows.setdefault(r["participant"], []).append(r)
    out = {}
    for p, rs in rows.items():
        first = min(dt.date.fromisoformat(r["date"]) for r in rs)
        wk = {}
        for r in rs:
            d = dt.date.fromisoformat(r["date"]); wi = (d-first).days//7
            if r["time"]:
                hh, mm = r["time"].split(":"); wk.setdefault(wi, {}).setdefault(r["item"], []).append(int(hh)*60+int(mm))
            else: wk.setdefault(wi, {})
        for wi, items in wk.items():
            hits = 0; counted = 0
            for it, xs in items.items():
                h = score_item(xs)
                if h is not None: hits += h; counted += 1
            out[(p, (first+dt.timedelta(days=7*wi)).isoformat())] = (hits, counted)
    return out
if __name__ == "__main__":
    if sys.argv[1] == "gen": gen(sys.argv[2])
    else:
        ref = score(sys.argv[2]); rust = {}
        for r in csv.DictReader(open(sys.argv[3])):
            rust[(r["participant"], r["week_start"])] = (int(r["hits"]), int(r["counted_items"]))
        keys = set(ref) | set(rust); bad = [k for k in sorted(keys) if ref.get(k) != rust.get(k)]
        print(f"{len(keys)} participant-weeks compared, {len(bad)} differ")
        for k in bad[:10]: print(k, "ref", ref.get(k), "rust", rust.get(k))
