"""Compares scorer.py with `ipsrt srm score --format json` output (see run.sh). argv: csv ipsrt_json [opts...]"""
import json
import sys

from scorer import parse_opts, score_all

o = parse_opts(sys.argv[3:])
mine = score_all(sys.argv[1], o)
theirs = json.load(open(sys.argv[2]))
bad = 0
zr_bad = 0
ties = 0
zero_r = 0
items_cmp = 0
assert len(mine) == len(theirs), (len(mine), len(theirs))
for a, b in zip(mine, theirs):
    errs = []
    for k in ("participant", "week_start", "hits", "counted_items", "ali", "days_recorded"):
        if a[k] != b[k]:
            errs.append((k, a[k], b[k]))
    if (a["score"] is None) != (b["score"] is None) or (a["score"] is not None and abs(a["score"] - b["score"]) > 1e-12):
        errs.append(("score", a["score"], b["score"]))
    for bi in b["items"]:
        ai = a["items"][bi["item"]]
        items_cmp += 1
        ties += ai.get("ties", 0) > 0
        zero_r += ai["zero_r"]
        for k in ("n", "counted", "kept", "hits", "excluded"):
            if ai[k] != bi[k]:
                errs.append((bi["item"], k, ai[k], bi[k]))
        if (ai["habitual"] is None) != (bi["habitual_minutes"] is None) or (
                ai["habitual"] is not None and abs(ai["habitual"] - bi["habitual_minutes"]) > 1e-9):
            errs.append((bi["item"], "habitual", ai["habitual"], bi["habitual_minutes"]))
        if (ai["sd"] is None) != (bi["sd_minutes"] is None) or (
                ai["sd"] is not None and abs(ai["sd"] - bi["sd_minutes"]) > 1e-9):
            errs.append((bi["item"], "sd", ai["sd"], bi["sd_minutes"]))
    if errs and all(isinstance(e[0], str) and e[0] in a["items"] and a["items"][e[0]]["zero_r"] or e[0] in ("hits","score") and any(a["items"][x]["zero_r"] for x in a["items"]) for e in errs):
        zr_bad += 1
    elif errs:
        bad += 1
        if bad <= 5:
            print("DISAGREE", a["participant"], a["week_start"], errs)
print(f"weeks={len(mine)} disagree={bad} disagree_only_in_zero_resultant_items={zr_bad} items={items_cmp} items_with_exact_ties={ties} zero_resultant_items={zero_r}")
