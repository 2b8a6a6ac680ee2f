#!/usr/bin/env python3
"""Generates the measures test vectors with an independent Python scorer written from the spec
(docs/measures.md#the-instruments, docs/measures.md#missing-data). Run: python3 test-vectors/measures/generate.py
The Rust, Python and Kotlin tests read the JSON; this script only documents how the expected
values were obtained and regenerates them."""
import json, os
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))

INSTR = {
    "phq9": {"items": [(f"phq9_{i}", 0, 3) for i in range(1, 10)],
             "schemes": {"kroenke_2001": [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("moderately_severe", 15, 19), ("severe", 20, 27)]},
             "default": ("strict", None)},
    "hrsd17": {"items": [(f"hrsd17_{i+1}", 0, m) for i, m in enumerate([4,4,4,2,2,2,4,4,4,4,4,2,2,2,4,2,2])],
               "schemes": {"clinical": [("normal", 0, 7), ("mild", 8, 13), ("moderate", 14, 18), ("severe", 19, 22), ("very_severe", 23, 52)],
                           "zimmerman_2013": [("none", 0, 7), ("mild", 8, 16), ("moderate", 17, 23), ("severe", 24, 52)]},
               "default": ("strict", None)},
    "asrm": {"items": [(f"asrm_{i}", 0, 4) for i in range(1, 6)],
             "schemes": {"altman_1997": [("below_cutoff", 0, 5), ("probable_mania", 6, 20)]},
             "default": ("prorate", 1)},
    "ymrs": {"items": [(f"ymrs_{i+1}", 0, m) for i, m in enumerate([4,4,4,4,8,8,4,8,8,4,4])],
             "schemes": {"young_1978": [("remission", 0, 11), ("mania", 12, 60)]},
             "default": ("strict", None)},
    "daily_mood": {"items": [("mood", -5, 5)], "schemes": {}, "default": ("strict", None)},
    "gad7": {"items": [(f"gad7_{i}", 0, 3) for i in range(1, 8)],
             "schemes": {"spitzer_2006": [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)]},
             "default": ("strict", None)},
    "epds": {"items": [(f"epds_{i}", 0, 3) for i in range(1, 11)],
             "schemes": {"cox_1987": [("below_threshold", 0, 9), ("possible_depression", 10, 12), ("probable_depression", 13, 30)]},
             "default": ("strict", None)},
    "phq9m": {"items": [(f"phq9m_{i}", 0, 3) for i in range(1, 10)],
              "schemes": {"kroenke_2001": [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("moderately_severe", 15, 19), ("severe", 20, 27)],
                          "richardson_2010": [("below_cutoff", 0, 10), ("at_or_above_cutoff", 11, 27)]},
              "default": ("strict", None)},
    "wsas": {"items": [(f"wsas_{i}", 0, 8) for i in range(1, 6)],
             "schemes": {"mundt_2002": [("subclinical", 0, 9), ("significant", 10, 20), ("moderately_severe", 21, 40)]},
             "default": ("strict", None)},
    "cssrs_screener": {"items": [("cssrs_risk", 0, 3)],
                       "schemes": {"triage": [("none", 0, 0), ("low", 1, 1), ("moderate", 2, 2), ("high", 3, 3)]},
                       "default": ("strict", None)},
}

# Safety items: (rule id, item id, [(at_least, level), ...]) -- every suicidality item raises a
# signal from the raw answer, whatever the total or the policy.
SAFETY = {
    "phq9": [("phq9_item9", "phq9_9", [(1, "safety_check")])],
    "hrsd17": [("hrsd17_item3", "hrsd17_3", [(1, "notice"), (2, "safety_check"), (3, "crisis")])],
    "epds": [("epds_item10", "epds_10", [(1, "safety_check")])],
    "phq9m": [("phq9m_item9", "phq9m_9", [(1, "safety_check")]),
              ("phq9m_serious_thoughts", "phq9m_serious_thoughts", [(1, "safety_check")]),
              ("phq9m_lifetime_attempt", "phq9m_lifetime_attempt", [(1, "safety_check")])],
    "cssrs_screener": [("cssrs_risk_level", "cssrs_risk", [(1, "notice"), (2, "safety_check"), (3, "crisis")])],
}

def safety_oracle(inst, answers):
    signals, unanswered = [], []
    for rule, item, ths in SAFETY.get(inst, []):
        if item not in answers:
            if item not in unanswered: unanswered.append(item)
            continue
        met = [t for t in ths if answers[item] >= t[0]]
        if met:
            signals.append({"rule": rule, "item": item, "answer": answers[item], "at_least": met[-1][0], "level": met[-1][1]})
    return signals, unanswered

def policy_json(p):
    kind, n = p
    if kind == "strict": return {"kind": "strict"}
    if kind == "zero": return {"kind": "treat_as_zero"}
    return {"kind": "prorate_up_to", "max_missing": n}

def round_half_up(fr):
    return (fr.numerator * 2 + fr.denominator) // (fr.denominator * 2)

def oracle(inst, answers, policy):
    d = INSTR[inst]
    items = d["items"]
    lo = sum(i[1] for i in items); hi = sum(i[2] for i in items)
    answered = [(i, answers[i[0]]) for i in items if i[0] in answers]
    missing = [i[0] for i in items if i[0] not in answers]
    s = sum(v for _, v in answered)
    kind, n = policy or d["default"]
    if not missing:
        total, status = s, "complete"
    elif kind == "strict":
        total, status = None, "incomplete"
    elif kind == "zero":
        total, status = s + sum(min(max(0, i[1]), i[2]) for i in items if i[0] in missing), "missing_as_zero"
    elif len(missing) <= n and answered:
        span = sum(i[2] - i[1] for i, _ in answered)
        above = s - sum(i[1] for i, _ in answered)
        total = lo + (above if span == 0 else round_half_up(Fraction(above * (hi - lo), span)))
        status = "prorated"
    else:
        total, status = None, "incomplete"
    bands = {}
    for sid, bl in d["schemes"].items():
        bands[sid] = None if total is None else next(b for b, mn, mx in bl if mn <= total <= mx)
    exp = {"total": total, "status": status, "n_answered": len(answered), "missing": len(missing), "bands": bands}
    if inst == "phq9":
        exp["flags"] = phq9_flags(answers)
    if inst == "phq9m":
        exp["flags"] = {"symptom_follow_up": follow_up_flag(answers)}
    exp["safety"], exp["safety_unanswered"] = safety_oracle(inst, answers)
    return exp

def follow_up_flag(a):
    vals = [a.get(f"phq9m_{i}") for i in range(1, 9)]
    if any(v is not None and v >= 2 for v in vals): return "raised"
    if any(v is None for v in vals): return "indeterminate"
    return "not_raised"

def phq9_flags(a):
    v9 = a.get("phq9_9")
    item9 = "indeterminate" if v9 is None else ("raised" if v9 >= 1 else "not_raised")
    # brute force over completions of the missing items (independent of the Rust reasoning)
    import itertools
    miss = [f"phq9_{i}" for i in range(1, 10) if f"phq9_{i}" not in a]
    def syn(full):
        cnt = [k for k in range(1, 10) if full[f"phq9_{k}"] >= (1 if k == 9 else 2)]
        req = 1 in cnt or 2 in cnt
        return (req and len(cnt) >= 5, req and 2 <= len(cnt) <= 4)
    outs = set()
    for combo in itertools.product(range(4), repeat=len(miss)):
        full = dict(a); full.update(zip(miss, combo)); outs.add(syn(full))
    def st(idx):
        vals = {o[idx] for o in outs}
        return "indeterminate" if len(vals) == 2 else ("raised" if True in vals else "not_raised")
    return {"item9_positive": item9, "major_depressive_syndrome": st(0), "other_depressive_syndrome": st(1)}

def fill(inst, total):
    """Answers summing to `total`, filling items in order (every item answered)."""
    out = {}; rest = total
    items = INSTR[inst]["items"]
    rest -= sum(i[1] for i in items)
    for iid, mn, mx in items:
        v = min(mx - mn, rest); out[iid] = mn + v; rest -= v
    assert rest == 0
    return out

def case(cases, name, inst, answers, policy=None, band=None):
    inp = {"instrument": inst, "answers": answers}
    opts = {}
    if policy: opts["policy"] = policy_json(policy)
    inp["options"] = opts
    cases.append({"name": name, "input": inp, "expected": oracle(inst, answers, policy)})

def err(cases, name, inst, answers, kind="invalid_input", policy=None):
    inp = {"instrument": inst, "answers": answers, "options": {"policy": policy_json(policy)} if policy else {}}
    cases.append({"name": name, "input": inp, "expected": {"error": kind}})

POLICIES = [("strict", None), ("prorate", 1), ("prorate", 2), ("zero", None)]

for inst, d in INSTR.items():
    cases = []
    items = d["items"]; lo = sum(i[1] for i in items); hi = sum(i[2] for i in items)
    totals = {lo, hi}
    for bl in d["schemes"].values():
        for _, mn, mx in bl: totals |= {mn, mx, max(lo, mn - 1), min(hi, mx + 1)}
    for t in sorted(totals):
        case(cases, f"{inst} boundary total {t}", inst, fill(inst, t))
    # every policy with 0..3 missing, on two answer patterns (max and a mixed one)
    if len(items) > 1:
        for pattern_name, base in [("all max", {i: mx for i, mn, mx in items}), ("mixed", {i: (mn + mx) // 2 + (k % 2) for k, (i, mn, mx) in enumerate(items)})]:
            base = {k: min(v, next(mx for i, _, mx in items if i == k)) for k, v in base.items()}
            for nmiss in range(0, 4):
                ans = {k: v for k, v in base.items() if k not in [i[0] for i in items[len(items) - nmiss:]]}
                case(cases, f"{inst} {pattern_name} {nmiss} missing default policy", inst, ans)
                for p in POLICIES:
                    if p[0] == "prorate" and p[1] >= len(items):
                        continue
                    case(cases, f"{inst} {pattern_name} {nmiss} missing {policy_json(p)}", inst, ans, p)
    # prorate rounding
    if inst == "phq9":
        case(cases, "phq9 prorate 10.125 rounds to 10", inst, {"phq9_1": 3, "phq9_2": 3, "phq9_3": 3, **{f"phq9_{i}": 0 for i in range(4, 9)}}, ("prorate", 2))
        case(cases, "phq9 prorate 4.5 rounds half up to 5", inst, {"phq9_1": 1, "phq9_2": 1, "phq9_3": 1, "phq9_4": 1, **{f"phq9_{i}": 0 for i in range(5, 9)}}, ("prorate", 2))
        case(cases, "phq9 only item 9 answered at 1: flag raised, no total", inst, {"phq9_9": 1})
        for p in POLICIES:
            case(cases, f"phq9 item 9 = 1 with 3 missing under {policy_json(p)}", inst, {"phq9_1": 0, "phq9_2": 0, "phq9_3": 0, "phq9_4": 0, "phq9_5": 0, "phq9_9": 1}, p)
        case(cases, "phq9 item 9 = 3, total 3", inst, {**{f"phq9_{i}": 0 for i in range(1, 9)}, "phq9_9": 3})
        case(cases, "phq9 major syndrome: 5 items at 2 incl. item 1", inst, {"phq9_1": 2, "phq9_2": 0, "phq9_3": 2, "phq9_4": 2, "phq9_5": 2, "phq9_6": 2, "phq9_7": 0, "phq9_8": 0, "phq9_9": 0})
        case(cases, "phq9 no syndrome: 5 items at 2 without item 1 or 2", inst, {"phq9_1": 1, "phq9_2": 1, "phq9_3": 2, "phq9_4": 2, "phq9_5": 2, "phq9_6": 2, "phq9_7": 2, "phq9_8": 0, "phq9_9": 0})
        case(cases, "phq9 other syndrome: item 2, item 4 and item 9 at 1", inst, {"phq9_1": 0, "phq9_2": 3, "phq9_3": 1, "phq9_4": 2, "phq9_5": 1, "phq9_6": 0, "phq9_7": 0, "phq9_8": 0, "phq9_9": 1})
        case(cases, "phq9 major via item 9 at 1 counting as fifth", inst, {"phq9_1": 2, "phq9_2": 2, "phq9_3": 2, "phq9_4": 2, "phq9_5": 0, "phq9_6": 0, "phq9_7": 0, "phq9_8": 0, "phq9_9": 1})
        case(cases, "phq9 syndromes indeterminate with one missing", inst, {"phq9_1": 2, "phq9_2": 2, "phq9_3": 2, "phq9_4": 2, "phq9_5": 0, "phq9_6": 0, "phq9_7": 0, "phq9_9": 0})
        case(cases, "phq9 difficulty item recorded, not scored", inst, {**{f"phq9_{i}": 1 for i in range(1, 10)}, "phq9_difficulty": 3})
        cases[-1]["expected"]["total"] = 9
        err(cases, "phq9 answer 4 is invalid", inst, {"phq9_1": 4})
        err(cases, "phq9 answer -1 is invalid", inst, {"phq9_1": -1})
        err(cases, "phq9 unknown item id", inst, {"phq9_10": 1})
        err(cases, "phq9 display text is not an item id", inst, {"Little interest or pleasure in doing things": 1})
        err(cases, "phq9 prorate:9 leaves nothing to prorate from", inst, {"phq9_1": 1}, policy=("prorate", 9))
    if inst == "hrsd17":
        err(cases, "hrsd17 item 4 (0-2) answered 3", inst, {"hrsd17_4": 3})
        case(cases, "hrsd17 remission boundary 7", inst, fill(inst, 7))
        case(cases, "hrsd17 prorate mixed ranges stays within 52", inst, {k: v for k, v in fill(inst, 50).items() if k != "hrsd17_17"}, ("prorate", 1))
    if inst == "asrm":
        case(cases, "asrm published rule: one missing prorated", inst, {"asrm_1": 2, "asrm_2": 2, "asrm_3": 1, "asrm_4": 1})
        case(cases, "asrm published rule: two missing invalid", inst, {"asrm_1": 2, "asrm_2": 2, "asrm_3": 1})
        err(cases, "asrm answer 5", inst, {"asrm_1": 5})
    if inst == "ymrs":
        case(cases, "ymrs double-weighted item 5 at 8", inst, {**fill(inst, 0), "ymrs_5": 8})
        err(cases, "ymrs item 1 (0-4) answered 8", inst, {"ymrs_1": 8})
        err(cases, "ymrs item 5 answered 9", inst, {"ymrs_5": 9})
    if inst == "daily_mood":
        for v in (-5, -1, 0, 1, 5):
            case(cases, f"daily mood {v}", inst, {"mood": v})
        case(cases, "daily mood missing, strict: no total", inst, {})
        case(cases, "daily mood missing, treat as zero", inst, {}, ("zero", None))
        err(cases, "daily mood 6", inst, {"mood": 6})
        err(cases, "daily mood -6", inst, {"mood": -6})
    if inst == "gad7":
        case(cases, "gad7 all items 1: total 7, mild", inst, {f"gad7_{i}": 1 for i in range(1, 8)})
        err(cases, "gad7 answer 4", inst, {"gad7_1": 4})
        err(cases, "gad7 unknown item gad7_8", inst, {"gad7_8": 0})
    if inst == "epds":
        zero = {f"epds_{i}": 0 for i in range(1, 10)}
        for v in (1, 2, 3):
            case(cases, f"epds item 10 = {v} with total {v}: safety check below every cut-off", inst, {**zero, "epds_10": v})
        case(cases, "epds item 10 = 0: no safety signal", inst, {**zero, "epds_10": 0})
        case(cases, "epds item 10 unanswered: listed, never read as no risk", inst, zero)
        case(cases, "epds item 10 = 2 with 3 other items missing, strict: no total, signal raised", inst, {**{f"epds_{i}": 1 for i in range(1, 7)}, "epds_10": 2})
        err(cases, "epds answer 4 (scored values are 0-3)", inst, {"epds_10": 4})
    if inst == "phq9m":
        nine = {f"phq9m_{i}": 0 for i in range(1, 10)}
        extra = {"phq9m_past_year": 0, "phq9m_difficulty": 0, "phq9m_serious_thoughts": 0, "phq9m_lifetime_attempt": 0}
        case(cases, "phq9m all no: no signal", inst, {**nine, **extra})
        case(cases, "phq9m serious thoughts past month yes, total 0", inst, {**nine, **extra, "phq9m_serious_thoughts": 1})
        case(cases, "phq9m lifetime attempt yes, total 0", inst, {**nine, **extra, "phq9m_lifetime_attempt": 1})
        case(cases, "phq9m item 9 = 1 and both suicide questions yes", inst, {**nine, "phq9m_9": 1, "phq9m_serious_thoughts": 1, "phq9m_lifetime_attempt": 1})
        case(cases, "phq9m past-year mood and difficulty are not scored", inst, {**{f"phq9m_{i}": 1 for i in range(1, 10)}, **extra, "phq9m_past_year": 1, "phq9m_difficulty": 3})
        case(cases, "phq9m item 3 = 2: symptom follow-up", inst, {**nine, **extra, "phq9m_3": 2})
        case(cases, "phq9m adolescent cut-off 11", inst, {**fill(inst, 11), **extra})
        err(cases, "phq9m serious thoughts answered 2 (yes/no is 0/1)", inst, {"phq9m_serious_thoughts": 2})
    if inst == "wsas":
        case(cases, "wsas 21: moderately severe or worse", inst, {"wsas_1": 4, "wsas_2": 4, "wsas_3": 4, "wsas_4": 4, "wsas_5": 5})
        err(cases, "wsas answer 9", inst, {"wsas_1": 9})
    if inst == "cssrs_screener":
        case(cases, "cssrs_screener risk missing: listed as unanswered", inst, {})
        case(cases, "cssrs_screener risk missing under treat-as-zero: total 0, still unanswered", inst, {}, ("zero", None))
        for v, lvl in ((1, "low -> notice"), (2, "moderate -> safety check"), (3, "high -> crisis")):
            case(cases, f"cssrs_screener {lvl}", inst, {"cssrs_risk": v})
        err(cases, "cssrs_screener risk -1", inst, {"cssrs_risk": -1})
        err(cases, "cssrs_screener question answers are not modelled (licensed)", inst, {"cssrs_q4": 1})
        err(cases, "cssrs_screener risk 4", inst, {"cssrs_risk": 4})
    if inst == "hrsd17":
        for v in (1, 2, 3, 4):
            case(cases, f"hrsd17 item 3 = {v}, everything else 0", inst, {**fill(inst, 0), "hrsd17_3": v})
        case(cases, "hrsd17 item 3 = 3 with 5 items missing under treat-as-zero", inst, {k: v for k, v in {**fill(inst, 0), "hrsd17_3": 3}.items() if k not in [f"hrsd17_{i}" for i in range(13, 18)]}, ("zero", None))
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    doc = {"about": f"scoring of {inst}: boundary totals of every band scheme, every missing-data policy with 0-3 missing, flags, safety signals and invalid input",
           "source": "expected values from an independent Python scorer (test-vectors/measures/generate.py) written from the published scoring rules listed in docs/measures.md; syndrome flags by brute force over all completions",
           "cases": cases}
    with open(os.path.join(HERE, f"{inst}.json"), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False); f.write("\n")

# change over time
def tot_fill(inst, t): return fill(inst, t)
chg = []
def change_case(name, inst, b, f):
    d = {"phq9": (50, ("lt", 5), 5), "hrsd17": (50, ("le", 7), None), "ymrs": (50, ("lt", 12), None), "asrm": (None, None, None), "daily_mood": (None, None, None)}[inst]
    pct, rem, mcid = d
    lo = sum(i[1] for i in INSTR[inst]["items"])
    exp = {"difference": f - b}
    exp["response"] = None if pct is None or b - lo <= 0 else (b - f) * 100 >= pct * (b - lo)
    exp["remission"] = None if rem is None else (f < rem[1] if rem[0] == "lt" else f <= rem[1])
    exp["improvement"] = None if mcid is None else (b - f) >= mcid
    exp["worsening"] = None if mcid is None else (f - b) >= mcid
    chg.append({"name": name, "input": {"instrument": inst, "baseline": tot_fill(inst, b), "follow_up": tot_fill(inst, f)}, "expected": exp})
change_case("phq9 20 -> 10 exactly 50 %: response", "phq9", 20, 10)
change_case("phq9 20 -> 11 49 %: no response", "phq9", 20, 11)
change_case("phq9 16 -> 5: not remission (needs < 5)", "phq9", 16, 5)
change_case("phq9 16 -> 4: remission", "phq9", 16, 4)
change_case("phq9 12 -> 7: MCID 5 improvement", "phq9", 12, 7)
change_case("phq9 12 -> 8: 4 points, below MCID", "phq9", 12, 8)
change_case("phq9 8 -> 13: MCID worsening", "phq9", 8, 13)
change_case("phq9 baseline 0: response undefined", "phq9", 0, 0)
change_case("hrsd17 18 -> 7: response and remission (≤ 7)", "hrsd17", 18, 7)
change_case("hrsd17 18 -> 8: response, no remission", "hrsd17", 18, 8)
change_case("hrsd17 19 -> 10: 47 %, no response", "hrsd17", 19, 10)
change_case("ymrs 30 -> 11: remission (< 12)", "ymrs", 30, 11)
change_case("ymrs 30 -> 12: response, not remission", "ymrs", 30, 12)
change_case("asrm has no change rules", "asrm", 10, 2)
with open(os.path.join(HERE, "change.json"), "w") as f:
    json.dump({"about": "change over time: response (≥ 50 % reduction), remission (PHQ-9 < 5, HRSD-17 ≤ 7, YMRS < 12), minimal important change (PHQ-9 5 points)",
               "source": "docs/measures.md#phq-9-ksw-2001, docs/measures.md#the-instruments; null = the instrument has no such rule (or baseline at minimum)", "cases": chg}, f, indent=1, ensure_ascii=False); f.write("\n")
print("ok")
