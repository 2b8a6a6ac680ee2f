"""Independent SRM scorer written from shared/spec/srm.md §2.2 (exact integer ties).

Reads the long format participant,date,item,time[,people][,mood]; prints one JSON object per
participant-week.  Options via argv: key=value (hit_window, trim (float|none), sd
(sample|population), sd_floor, min_occ, windows (blocks|rolling), anchor
(first_diary_day|monday|sunday), form (srm_5|srm_17)).
"""
import csv
import datetime as dt
import json
import math
import sys
from fractions import Fraction

SRM17 = ["out_of_bed", "first_contact", "morning_beverage", "breakfast", "go_outside", "start_work", "lunch",
         "afternoon_nap", "dinner", "exercise", "evening_snack", "evening_news", "other_tv", "activity_a",
         "activity_b", "return_home", "to_bed"]
SRM5 = ["out_of_bed", "first_contact", "start_work", "dinner", "to_bed"]


def parse_opts(argv):
    o = dict(hit_values="kept", hit_window=45, trim=Fraction(3, 2), sd="sample", sd_floor=None, min_occ=3, windows="blocks",
             anchor="first_diary_day", form="srm_5")
    for a in argv:
        k, v = a.split("=", 1)
        if k == "trim":
            o[k] = None if v == "none" else Fraction(v)
        elif k in ("hit_window", "min_occ"):
            o[k] = int(v)
        elif k == "sd_floor":
            o[k] = None if v == "none" else int(v)
        else:
            o[k] = v
    return o


def unwrap(xs):
    """Spec §2.2 step 3: circular mean, then x -> mu + ((x - mu + 720) mod 1440) - 720."""
    n = len(xs)
    c = sum(math.cos(2 * math.pi * x / 1440) for x in xs)
    s = sum(math.sin(2 * math.pi * x / 1440) for x in xs)
    r = math.hypot(c, s) / n
    if r < 1e-9:
        return list(xs), True
    mu = math.atan2(s, c) * 1440 / (2 * math.pi)
    out = []
    for x in xs:
        w = (x - mu + 720) % 1440
        if w > 1440 - 1e-6 or w < 1e-6:
            # exactly antipodal (up to float noise): the exact formula's mod gives 0 -> mu - 720
            w = 0.0
        y = mu + w - 720
        k = round((y - x) / 1440)
        out.append(x + 1440 * k)
    return out, False


def score_item(xs, o):
    """xs: list of (day, minute). Returns the detail dict."""
    n = len(xs)
    d = dict(n=n, counted=False, kept=0, hits=0, habitual=None, excluded=[], sd=None, zero_r=False)
    if n < o["min_occ"] or n == 0:
        return d
    vals, zr = unwrap([m for _, m in xs])
    d["zero_r"] = zr
    S = sum(vals)
    Q = sum(v * v for v in vals)
    spread = n * Q - S * S
    pop = o["sd"] == "population"
    d["sd"] = math.sqrt(spread) / n if pop else math.sqrt(spread / (n * (n - 1)))
    floor = o["sd_floor"] is not None and spread <= o["sd_floor"] ** 2 * n * (n - 1)
    keep = [True] * n
    if o["trim"] is not None and not floor:
        f2 = o["trim"] ** 2
        for i, x in enumerate(vals):
            lhs = Fraction((n * x - S) ** 2)
            if pop:
                keep[i] = lhs <= f2 * spread
            else:
                keep[i] = (n - 1) * lhs <= f2 * n * spread
    kept = [v for v, k in zip(vals, keep) if k]
    k = len(kept)
    Sk = sum(kept)
    pool = vals if o["hit_values"] == "all" else kept
    hits = sum(1 for v in pool if abs(k * v - Sk) <= o["hit_window"] * k) if k else 0
    d.update(counted=True, kept=k, hits=hits, habitual=(Sk / k) % 1440 if k else None,
             excluded=["%02d:%02d" % divmod(m, 60) for (day, m), kk in zip(xs, keep) if not kk])
    # tie bookkeeping: an exact equality in either comparison
    ties = 0
    if o["trim"] is not None and not floor:
        f2 = o["trim"] ** 2
        for x in vals:
            lhs = Fraction((n * x - S) ** 2)
            if (pop and lhs == f2 * spread) or (not pop and (n - 1) * lhs == f2 * n * spread):
                ties += 1
    ties += sum(1 for v in kept if abs(k * v - Sk) == o["hit_window"] * k)
    d["ties"] = ties
    return d


def read(path, items):
    """participant -> (cells {(date,item): status}, days set). First done wins."""
    out = {}
    order = []
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        for row in r:
            p = row["participant"].strip()
            if p not in out:
                out[p] = ({}, set())
                order.append(p)
            cells, days = out[p]
            date = dt.date.fromisoformat(row["date"].strip())
            it = row["item"].strip()
            if it.isdigit():
                it = SRM17[int(it) - 1]
            t = row["time"].strip()
            if t in ("", "not_done", "-"):
                st = "not_done"
            elif t == "not_recorded":
                st = "not_recorded"
            else:
                h, m = t.split(":")
                st = int(h) * 60 + int(m)
            days.add(date)
            cur = cells.get((date, it), "not_recorded")
            if st == "not_recorded":
                continue
            if isinstance(cur, int):
                continue
            if cur == "not_done" and st == "not_done":
                continue
            cells[(date, it)] = st
    return [(p, out[p]) for p in order]


def windows(days, o):
    first, last = min(days), max(days)
    if o["anchor"] == "monday":
        first -= dt.timedelta(days=first.weekday())
    elif o["anchor"] == "sunday":
        first -= dt.timedelta(days=(first.weekday() + 1) % 7)
    if o["windows"] == "blocks":
        s = first
        while s <= last:
            yield s
            s += dt.timedelta(days=7)
    else:
        s = first
        yield s
        s += dt.timedelta(days=1)
        while s + dt.timedelta(days=6) <= last:
            yield s
            s += dt.timedelta(days=1)


def score_all(path, o):
    items = SRM5 if o["form"] == "srm_5" else SRM17
    res = []
    for p, (cells, days) in read(path, items):
        for start in windows(days, o):
            dates = [start + dt.timedelta(days=i) for i in range(7)]
            hits = counted = ali = 0
            det = {}
            recorded = 0
            for dd in dates:
                if any((dd, it) in cells for it in items):
                    recorded += 1
            for it in items:
                xs = [(i, cells[(dd, it)]) for i, dd in enumerate(dates) if isinstance(cells.get((dd, it)), int)]
                d = score_item(xs, o)
                ali += d["n"]
                if d["counted"]:
                    counted += 1
                    hits += d["hits"]
                det[it] = d
            res.append(dict(participant=p, week_start=start.isoformat(), hits=hits, counted_items=counted, ali=ali,
                            score=(hits / counted) if counted else None, days_recorded=recorded, items=det))
    return res


if __name__ == "__main__":
    o = parse_opts(sys.argv[2:])
    for r in score_all(sys.argv[1], o):
        print(json.dumps(r))
