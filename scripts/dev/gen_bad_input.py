#!/usr/bin/env python3
"""Writes test-vectors/bad-input/catalogue.json (the bad-input catalogue) from the rows below.
docs/bad-input.md is generated from the same file. Run from the repo root."""
import json
import re

ev = json.load(open("examples/course_role_dispute.json"))
created, onset = ev[0], ev[1]
obs_ok = {"date": "2026-03-05", "observed": {"type": "check_in"}}

# The binding languages that run the catalogue (rust runs every row). A row a binding cannot
# express at all names that language in its `not_in` with the reason; covered_by is computed
# from these two and nothing else, so it cannot claim a test that does not run.
BINDINGS = ["python", "kotlin"]
# Rust runs every row except the few whose input only a binding can write: a signed integer
# where the core's type is unsigned (Kotlin Int/Long, Python int). Those name "rust" in not_in.
LANGS = ["rust"] + BINDINGS

# Phrases that tell the reader what to do: every error message of the catalogue must contain at
# least one (as a word at a sentence position: after `:`/`;`/`,`, or a modal verb). Rust and the
# bindings read this list from the catalogue's top level.
ACTIONABLE = ["use ", "write ", "give ", "check ", "upgrade", "fix ", "choose ", "allowed:", "must ", "split ",
              "sort ", "record ", "remove ", "load it with", "set ", "add ", "put ", "start ", "pass ", "complete ",
              "retry ", "allocate ", "report it", "save ", "answer ", "convert ", "log ", "keep ", "drop "]

R = []
def row(name, kind, call, inp, error, says, note="", not_in=None):
    assert set(not_in or {}) <= set(LANGS), f"{name}: not_in names a language not in LANGS"
    R.append({"name": name, "kind": kind, "call": call, "input": inp,
              "expected": {"error": error, "says": says} if error else {"accepted": True},
              "note": note, "not_in": not_in or {}})

# --- time -------------------------------------------------------------------------------
for t, n in [("24:00", "24:00 (end-of-day midnight)"), ("7:5", "7:5 (no zero padding)"), ("07:5", "07:5"),
             ("7:05", "7:05 (one-digit hour)"), ("07:60", "07:60"), ("07:05:00", "seconds"), ("", "empty"),
             ("ab:cd", "letters"), ("-1:00", "negative hour"), ("07-05", "wrong separator"),
             ("٠٧:٠٥", "non-ASCII digits"), (" 07:05", "leading space"), ("7am", "12-hour clock")]:
    row(f"clock time {n}", "out-of-range / malformed time", "clock_time", t, "invalid_input", ["HH:MM", "00:00 to 23:59"])
for m in [1440, -1, 10**12]:
    row(f"clock minutes {m}", "out-of-range value", "clock_minutes", m, "invalid_input", ["0 to 1439"])
row("clock hour 24 minute 0", "out-of-range value", "clock_hm", [24, 0], "invalid_input", ["HH:MM"])
row("clock time with seconds as a time value", "out-of-range / malformed time", "clock_time_value", [7, 5, 30], "invalid_input", ["07:05:30", "HH:MM"],
    note="Kotlin LocalTime.of(7, 5, 30) and Python datetime.time(7, 5, 30) go across as 07:05:30 and are refused, never cut to 07:05")
for d, n in [("2026-02-30", "30 February"), ("2025-02-29", "29 February in a common year"), ("22/11/2026", "day-first"),
             ("2026-13-01", "month 13"), ("", "empty date")]:
    row(f"date {n}", "out-of-range / malformed date", "date", d, "invalid_input", ["YYYY-MM-DD"])
for z, n in [("Mars/Olympus", "unknown zone"), ("CEST", "abbreviation"), ("+02:00", "offset instead of zone"), ("", "empty zone")]:
    row(f"time zone {n}", "unknown name", "zone", z, "invalid_input", ["IANA zone name"])
row("date-time with a UTC offset", "malformed date-time", "zoned_datetime", {"local": "2026-03-29T02:30+02:00", "zone": "Europe/Amsterdam"}, "invalid_input", ["without a UTC offset"])
row("date-time 24:00", "out-of-range time", "zoned_datetime", {"local": "2026-03-29T24:00", "zone": "Europe/Amsterdam"}, "invalid_input", ["YYYY-MM-DDTHH:MM"])
row("local time inside the spring-forward gap (strict)", "nonexistent time", "zoned_to_utc", {"local": "2026-03-29T02:30", "zone": "Europe/Amsterdam"}, "invalid_input", ["does not exist", "convert leniently"])

# --- persisted JSON ---------------------------------------------------------------------
S = "ipsrt.srm_scoring_options"
row("JSON from a newer schema version", "newer schema", "load", {"schema": S, "text": '{"schema":"ipsrt.srm_scoring_options","version":99,"data":{}}'}, "schema", ["newer ipsrt", "upgrade ipsrt"])
row("JSON version 0", "impossible version", "load", {"schema": S, "text": '{"schema":"ipsrt.srm_scoring_options","version":0,"data":{}}'}, "schema", ["versions start at 1"])
row("JSON of another type", "wrong schema", "load", {"schema": S, "text": '{"schema":"ipsrt.srm_diary","version":1,"data":{}}'}, "schema", ["load it with the matching type"])
row("JSON of an unknown schema", "unknown schema", "load_any", '{"schema":"ipsrt.from_the_future","version":1,"data":{}}', "schema", ["unknown schema", "upgrade ipsrt"])
row("bare data without envelope", "missing envelope", "load", {"schema": S, "text": '{"min_occurrences":3}'}, "schema", ["missing envelope", "{op:to_json}"])
row("truncated file", "truncated", "load", {"schema": "ipsrt.srm_diary", "fixture_prefix": 120}, "parse", ["EOF", "file is complete"])
row("empty file", "truncated", "load", {"schema": S, "text": ""}, "parse", ["file is complete"])
row("not JSON at all (CSV)", "wrong format", "load", {"schema": S, "text": "date,item,time\n2026-01-05,out_of_bed,07:00\n"}, "parse", ["file is complete"])
row("non-UTF-8 bytes", "encoding", "load_bytes", {"hex": "7b22736368656d61223a22ff227d"}, "parse", ["not UTF-8", "save the file as UTF-8"])
row("UTF-16 file with BOM", "encoding", "load_bytes", {"hex": "fffe7b00"}, "parse", ["not UTF-8"])
row("deeply nested JSON (10 000 levels)", "resource bound", "load", {"schema": S, "nested_depth": 10000}, "parse", ["recursion limit"])
row("document larger than 64 MiB", "resource bound", "load", {"schema": S, "size_bytes": 64 * 1024 * 1024 + 1}, "parse", ["byte limit", "split it"])
row("version is a string", "wrong type", "load", {"schema": S, "text": '{"schema":"ipsrt.srm_scoring_options","version":"1","data":{}}'}, "parse", ["invalid type"])
row("scoring option out of range (min_occurrences 9)", "out-of-range value", "load", {"schema": S, "fixture_replace": ['"min_occurrences": 3', '"min_occurrences": 9']}, "invalid_input", ["min_occurrences", "1..=7"])
row("scoring option of the wrong type", "wrong type", "load", {"schema": S, "json": {"schema": S, "version": 1, "data": {"hit_window_min": "45"}}}, "parse", ["invalid type"])
row("diary entry for an item not on the form", "unknown item", "load", {"schema": "ipsrt.srm_diary", "fixture_replace": ["\"item\": \"dinner\"", "\"item\": \"lunch\""]}, "invalid_input", ["lunch is not on the srm_ii_5 form"])
row("diary entry for an unknown item", "unknown item", "load", {"schema": "ipsrt.srm_diary", "fixture_replace": ["\"item\": \"dinner\"", "\"item\": \"brunch\""]}, "parse", ["brunch", "out_of_bed"])
row("diary time 24:00 in a stored diary", "out-of-range time", "load", {"schema": "ipsrt.srm_diary", "fixture_replace": ["\"00:30\"", "\"24:00\""]}, "parse", ["24:00", "HH:MM"])
# Unknown fields are refused, never dropped in silence (serde deny_unknown_fields): one row per
# persisted type of srm, ipsrt, group and ips, plus one inside a nested event.
for schema in ["ipsrt.srm_scoring_options", "ipsrt.srm_diary", "ipsrt.rhythm_plan", "ipsrt.medication_log",
               "ipsrt.ipsrt_course", "ipsrt.life_chart", "ipsrt.group", "ipsrt.employment_journey",
               "ipsrt.ips_caseload", "ipsrt.ips_fidelity_review"]:
    row(f"unknown field in {schema} JSON", "unknown field", "load",
        {"schema": schema, "fixture_replace": ['"data": {', '"data": {"colour": "blue", ']}, "parse",
        ["unknown field `colour`", "remove that field"])
row("unknown field inside a stored group event", "unknown field", "load",
    {"schema": "ipsrt.group", "fixture_replace": ['"type": "referred",', '"type": "referred", "colour": "blue",']}, "parse",
    ["unknown field `colour`", "remove that field"])
# Bounded records (ipsrt::limits): ids of at most 200 bytes, names of at most 200 characters,
# notes of at most 2 000 characters, each refused with the field named and the value clipped.
LONG = ["longer than the limit", "shorten it"]
for name, schema, frm, to, kind in [
    ("IPS participant id of 201 bytes", "ipsrt.employment_journey", '"participant": "A"', '"participant": "' + "P" * 201 + '"', "parse"),
    ("IPS employer name of 201 characters", "ipsrt.employment_journey", '"employer": "Bakery"', '"employer": "' + "é" * 201 + '"', "parse"),
    ("medication dose id of 201 bytes", "ipsrt.medication_log", '"id": "lithium-evening"', '"id": "' + "d" * 201 + '"', "invalid_input"),
    ("medication name of 201 characters", "ipsrt.medication_log", '"medication": "lithium 800 mg"', '"medication": "' + "m" * 201 + '"', "invalid_input"),
    ("life chart episode note of 2 001 characters", "ipsrt.life_chart", '"note": ""', '"note": "' + "n" * 2001 + '"', "invalid_input"),
    ("rhythm plan disruption note of 2 001 characters", "ipsrt.rhythm_plan", '"note": ""', '"note": "' + "n" * 2001 + '"', "parse"),
    ("group member id of 201 bytes", "ipsrt.group", '"person": "m0"', '"person": "' + "g" * 201 + '"', "parse"),
    ("relapse plan warning-sign id of 201 bytes", "ipsrt.relapse_plan", '"id": "less_sleep"', '"id": "' + "s" * 201 + '"', "invalid_input"),
    ("relapse plan toolbox text of 2 001 characters", "ipsrt.relapse_plan", '"Walk in the park after lunch"', '"' + "w" * 2001 + '"', "invalid_input"),
]:
    row(name, "too long", "load", {"schema": schema, "fixture_replace": [frm, to]}, kind,
        ["at most 200 bytes"] if schema == "ipsrt.group" else LONG)
# Groups: why someone left, and IPT-G's midway meeting away from its place (group::therapy_group).
row("group member leaving for reason other without a note", "missing value", "load",
    {"schema": "ipsrt.group", "fixture_replace": ['"reason": "withdrew"', '"reason": "other"']}, "parse",
    ["reason `other`", "add a note saying why"])
row("group leave note that is blank", "missing value", "load",
    {"schema": "ipsrt.group", "fixture_replace": ['"reason": "withdrew"', '"reason": "withdrew", "note": "  "']}, "parse",
    ["note", "is blank", "write in a few words why"])
row("group leave note of 2 001 characters", "too long", "load",
    {"schema": "ipsrt.group", "fixture_replace": ['"reason": "withdrew"', '"reason": "withdrew", "note": "' + "n" * 2001 + '"']}, "parse", LONG)
_group_v2 = json.load(open("test-vectors/persist/ipsrt.group.v2.json"))
_midway = json.loads(json.dumps(_group_v2))
_midway["data"]["events"].append({"type": "individual_meeting", "person": "m0", "kind": "midway", "date": "2026-01-17"})
row("IPT-G midway meeting after session 1 without a deviation", "rule broken", "load",
    {"schema": "ipsrt.group", "json": _midway}, "parse",
    ["between sessions 10 and 11", "give a deviation saying why"])
_midway_rule = json.loads(json.dumps(_group_v2))
_midway_rule["data"]["rules"]["midway_after_session"]["value"] = 25
row("IPT-G midway session after the last planned session", "out-of-range value", "load",
    {"schema": "ipsrt.group", "json": _midway_rule}, "parse",
    ["midway_after_session 25", "give a session"])
# Admission criteria (group::admission): an unmet criterion needs a recorded reason, and only the
# group's own criteria can be recorded.
_criteria = json.loads(json.dumps(_group_v2))
_criteria["data"]["rules"]["admission_criteria"] = {"value": ["coping_capacity", "room_for_patterns"],
                                                  "source": {"key": "S3", "locator": "requirements", "evidence": "seed"}}
next(e for e in _criteria["data"]["events"] if e["type"] == "waitlisted")["unmet_criteria"] = ["room_for_patterns"]
row("group admission with an unmet criterion and no reason", "missing value", "load",
    {"schema": "ipsrt.group", "json": _criteria}, "parse",
    ["unmet admission criteria (room_for_patterns)", "give a reason"])
row("group admission criterion the group does not have", "unknown item", "load",
    {"schema": "ipsrt.group", "fixture_replace": ['"type": "waitlisted",', '"type": "waitlisted", "unmet_criteria": ["coping_capacity"], "reason": "r",']},
    "parse", ["not one of this group's admission criteria", "list only criteria from its rules"])
# IPS journeys (ips::journey): exit reasons are a closed set, nothing but a re-entry after an
# exit, required texts, bounded preference lists.
_J = "ipsrt.employment_journey"
_journey_v2 = json.load(open("test-vectors/persist/ipsrt.employment_journey.v2.json"))
_no_reentry = json.loads(json.dumps(_journey_v2))
_no_reentry["data"]["events"] = [e for e in _no_reentry["data"]["events"] if e["type"] != "re_entered"]
row("IPS event after leaving the caseload without a re-entry", "illegal transition", "load",
    {"schema": _J, "json": _no_reentry}, "parse", ["event 13", "preferences_recorded is not possible", "re_entered"])
def _journey_with(edit):
    doc = json.loads(json.dumps(_journey_v2))
    edit(doc["data"]["events"])
    return {"schema": _J, "json": doc}
def _exit(events):
    return next(e for e in events if e["type"] == "exited")
row("IPS exit without a reason", "missing value", "load",
    _journey_with(lambda ev: _exit(ev).pop("reason")), "parse", ["missing field `reason`"])
row("IPS exit reason not in the closed set", "unknown item", "load",
    _journey_with(lambda ev: _exit(ev).update(reason="retired")), "parse", ["retired", "goals_met"])
row("IPS disclosure decision not in the closed set", "unknown item", "load",
    _journey_with(lambda ev: ev[4].update(decision="maybe")), "parse", ["maybe", "not_disclosed"])
row("IPS benefits counselling without a topic", "missing value", "load",
    _journey_with(lambda ev: ev[1].update(topic="  ")), "parse", ["event 1", "benefits counselling topic is empty"])
row("IPS preferred hours of 0 per week", "out-of-range value", "load",
    _journey_with(lambda ev: ev[-1]["preferences"].update(hours_per_week=0.0)), "parse",
    ["0 hours per week", "above 0 and at most 80"])
_many = json.loads(json.dumps(_journey_v2))
_many["data"]["events"][0]["preferences"]["kinds_of_work"] = ["retail"] * 51
row("IPS job preferences with 51 kinds of work", "too many", "load",
    {"schema": _J, "json": _many}, "parse", ["51 entries for kind of work", "more than the 50 allowed"])
row("course snapshot edited by hand", "inconsistent state", "load", {"schema": "ipsrt.course", "fixture_replace": ['"events_applied": 27', '"events_applied": 26']}, "invalid_input", ["snapshot disagrees", "rebuild it"])

# --- SRM --------------------------------------------------------------------------------
row("unknown SRM item", "unknown item", "srm_item", "brunch", "invalid_input", ["unknown SRM item", "out_of_bed"])
row("SRM item number 18", "out-of-range value", "srm_item", "18", "invalid_input", ["1-17"])
row("diary status typo", "malformed status", "srm_status", "done", "invalid_input", ["HH:MM", "not_done"])
row("diary status 24:00", "out-of-range time", "srm_status", "24:00", "invalid_input", ["HH:MM"])
row("mood +6", "out-of-range value", "srm_mood", 6, "invalid_input", ["-5", "+5"])
row("People code 4", "out-of-range value", "srm_people", 4, "invalid_input", ["use 0"])
row("week day 7", "out-of-range index", "srm_week_set", {"item": "out_of_bed", "day": 7, "status": "07:00"}, "invalid_input", ["use 0", "to 6"])
row("SRM-17 item on an SRM-5 week", "unknown item", "srm_week_set", {"item": "exercise", "day": 0, "status": "07:00"}, "invalid_input", ["not on the"])
row("empty week scored", "not scorable", "srm_score_week", {"cells": []}, None, [], "not an error: the week's score is None (not scorable), never 0")
row("two-day week scored", "not scorable", "srm_score_week", {"cells": [["out_of_bed", 0, "07:00"], ["out_of_bed", 1, "07:00"]]}, None, [], "not an error: an item done on fewer than 3 days does not count; the score is None, never 0")
for v, n in [("NaN", None), ("inf", "infinity"), ("-inf", "minus infinity"), (-5, "negative minutes"), (1440, "minute 1440"), (1e308, "huge minutes"), (420.5, "fractional minute")]:
    if n is None:
        continue
    row(f"batch minute {n}", "out-of-range value", "srm_batch", {"type": "f64", "weeks": 1, "poison": v}, "invalid_input", ["whole minutes 0..=1439"])
row("batch minute -2 (integers)", "out-of-range value", "srm_batch", {"type": "i32", "weeks": 1, "poison": -2}, "invalid_input", ["-1 (integers)"])
row("batch array of the wrong length", "shape", "srm_batch", {"type": "f64", "weeks": 1, "extra_cells": 3}, "invalid_input", ["invalid batch shape"])
row("batch output of the wrong length", "shape", "srm_batch", {"type": "f64", "weeks": 2, "out_weeks": 1}, "invalid_input", ["must have length"],
    not_in={"python": "the Python API allocates the output arrays itself (srm.score_batch / score_arrow return them), so an output of the wrong length cannot be passed"})
row("duplicated diary day (same item twice)", "duplicate", "srm_diary_duplicate", {"first": "07:00", "second": "09:00"}, None, [], "accepted by design: the first done entry of a day wins (srm::diary); the duplicate is kept in the diary for audit")

for op in ["replace", "remove"]:
    row(f"diary {op} of a cell with no entry", "nothing to correct", "srm_diary_correct", {"op": op, "item": "dinner"}, "not_found", ["no entry for dinner on 2026-01-05", "record the entry first"])

# --- SRM long-format diary rows (the CSV of `ipsrt srm score`; srm::long_format) -----------
H = "participant,date,item,time,people,mood"
def csv_row(name, kind, rows, says, header=H):
    row(name, kind, "srm_long_format", {"header": header, "rows": rows}, "invalid_input", says)
csv_row("CSV header without the item column", "missing column", [], ["line 1", "missing column", "participant,date,item,time"], header="participant,date,time")
csv_row("CSV header with a column twice", "duplicated column", [], ["appears twice"], header="participant,date,item,time,date")
csv_row("CSV time 24:00", "out-of-range time", ["P1,2026-01-05,to_bed,24:00,,"], ["line 2, field time", "HH:MM"])
csv_row("CSV time 7:5", "malformed time", ["P1,2026-01-05,to_bed,7:5,,"], ["line 2, field time", "HH:MM"])
csv_row("CSV unknown item", "unknown item", ["P1,2026-01-05,bedtime,23:00,,"], ["line 2, field item", "unknown SRM item"])
csv_row("CSV SRM-17 item in an SRM-5 file", "item not on the form", ["P1,2026-01-05,7,12:00,,"], ["line 2, field item", "not on the srm_5 form", "SRM-17"])
csv_row("CSV date 30 February", "impossible date", ["P1,2026-02-30,dinner,18:00,,"], ["line 2, field date", "YYYY-MM-DD"])
csv_row("CSV date day-first", "malformed date", ["P1,05/01/2026,dinner,18:00,,"], ["line 2, field date", "YYYY-MM-DD"])
csv_row("CSV People code 4", "out-of-range value", ["P1,2026-01-05,dinner,18:00,4,"], ["line 2, field people", "use 0 (alone)"])
csv_row("CSV mood +6", "out-of-range value", ["P1,2026-01-05,dinner,18:00,,6"], ["line 2, field mood", "-5"])
csv_row("CSV mood as a word", "wrong type", ["P1,2026-01-05,dinner,18:00,,high"], ["line 2, field mood", "whole number from -5 to 5"])
csv_row("CSV row without a participant id", "missing value", [",2026-01-05,dinner,18:00,,"], ["line 2, field participant", "give a participant id"])
csv_row("CSV row with too few fields", "wrong column count", ["P1,2026-01-05"], ["line 2, field item"])
csv_row("CSV participants not grouped", "unsorted rows", ["A,2026-01-05,dinner,18:00,,", "B,2026-01-05,dinner,18:00,,", "A,2026-01-06,dinner,18:00,,"], ["line 4, field participant", "sort the file by participant"])
csv_row("CSV date with a typo in the year", "far-away date", ["A,2026-01-05,dinner,18:00,,", "A,1926-01-06,dinner,18:00,,"], ["line 3, field date", "more than 20 years", "check the date"])

def ok_csv_row(name, kind, rows, note, header=H):
    row(name, kind, "srm_long_format", {"header": header, "rows": rows}, None, [], note)
ok_csv_row("CSV header in capitals with spaces", "header spelling", ["P1,2026-01-05,to_bed,23:00"], "accepted: names are matched ignoring case and whitespace", header="Participant, Date ,ITEM,Time")
csv_row("CSV header with 1 025 columns", "resource bound", [], ["line 1", "more than the limit of 1024", "keep the diary columns"], header="participant,date,item,time," + ",".join(f"c{i}" for i in range(1021)))
csv_row("CSV header read as one column (semicolons)", "wrong delimiter", [], ["missing column", "another delimiter"], header="participant;date;item;time")
csv_row("CSV conflicting duplicate cell", "duplicate", ["A,2026-01-05,to_bed,23:03,,", "A,2026-01-05,to_bed,18:30,,"], ["line 3, field time", "at line 2 (23:03)", "remove one of the two rows"])
ok_csv_row("CSV identical duplicate cell", "duplicate", ["A,2026-01-05,to_bed,23:03,,", "A,2026-01-05,to_bed,23:03,,"], "accepted: a repeated row that says the same thing counts once")
csv_row("CSV conflicting moods of one day", "duplicate", ["A,2026-01-05,to_bed,23:03,,1", "A,2026-01-05,dinner,18:30,,2"], ["line 3, field mood", "at line 2"])
csv_row("CSV time as a whole hour", "number for a time", ["P1,2026-01-05,to_bed,23,,"], ["line 2, field time", "is a number, not a clock time", "HH:MM"])
csv_row("CSV time as HHMM", "number for a time", ["P1,2026-01-05,out_of_bed,705,,"], ["line 2, field time", "is a number", "705"])
csv_row("CSV time with seconds", "malformed time", ["P1,2026-01-05,to_bed,23:03:30,,"], ["line 2, field time", "seconds", "HH:MM"])
ok_csv_row("CSV time H:MM and HH:MM:00", "time spelling", ["P1,2026-01-05,out_of_bed,7:05,,", "P1,2026-01-06,out_of_bed,07:05:00,,"], "accepted: one-digit hours and zero seconds are read")
csv_row("CSV very long time value", "resource bound", ["P1,2026-01-05,to_bed," + "x" * 1000 + ",,"], ["line 2, field time", "(1000 bytes)"])

# --- SRM diary CSV files (`ipsrt srm score`): encoding, delimiter, limits, empty files ----
# The file-level reader is the CLI's (crates/ipsrt-cli/src/csv_input.rs); these rows run in
# Rust through the `ipsrt` binary (crates/ipsrt-cli/tests/bad_input_csv.rs).
FILE = "reading a file (encoding, delimiter, record limits) is the `ipsrt` command's job; {} receives rows already split into fields ({})"
FILE_NOT_IN = {"python": FILE.format("Python", "score_frame takes a DataFrame: pandas reads the file"),
               "kotlin": FILE.format("an app", "srmReadLongFormat")}
D = "participant,date,item,time\n"
def csv_file(name, kind, inp, says, note=""):
    row(name, kind, "srm_csv_file", inp, "invalid_input" if says else None, says, note, not_in=FILE_NOT_IN)
csv_file("CSV file in Latin-1", "encoding", {"hex": (D + "Jos").encode().hex() + "e9" + ",2026-01-05,to_bed,23:00\n".encode().hex()}, ["line 2", "windows-1252", "--encoding latin1"])
csv_file("CSV file in Latin-1 read with --encoding latin1", "encoding", {"hex": (D + "Jos").encode().hex() + "e9" + ",2026-01-05,to_bed,23:00\n".encode().hex(), "args": ["--encoding", "latin1"]}, [], "accepted: decoded as windows-1252")
csv_file("CSV file in UTF-16 with a byte-order mark", "encoding", {"hex": "fffe" + (D + "A,2026-01-05,to_bed,23:00\n").encode("utf-16-le").hex()}, [], "accepted: decoded")
csv_file("CSV file in UTF-16 without a byte-order mark", "encoding", {"hex": (D + "A,2026-01-05,to_bed,23:00\n").encode("utf-16-le").hex()}, ["UTF-16 without a byte-order mark", "save it as UTF-8"])
csv_file("empty CSV file", "empty file", {"text": ""}, ["the file is empty", "0 rows scored"])
csv_file("CSV file with only a header", "empty file", {"text": D}, ["0 rows scored", "add one row"])
csv_file("CSV file separated by semicolons (Dutch Excel)", "delimiter", {"text": "Participant;Date;Item;Time\r\nA;2026-01-05;to_bed;23:00\r\n"}, [], "accepted: the delimiter is detected from the header line")
csv_file("CSV semicolons read with --delimiter comma", "delimiter", {"text": "participant;date;item;time\nA;2026-01-05;to_bed;23:00\n", "args": ["--delimiter", "comma"]}, ["missing column", "--delimiter"])
csv_file("CSV row with more fields than the header", "wrong column count", {"text": D + "A,2026-01-05,to_bed,23:00,x\n"}, ["line 2", "5 fields, but the header has 4", "check the quoting"])
csv_file("CSV record over 1 MiB (a 2 MB time)", "resource bound", {"text": D + "A,2026-01-05,to_bed,", "repeat": ["7", 2000000]}, ["line 2, field \"time\"", "longer than the limit of 1 MiB", "check for a missing closing quote"])
csv_file("CSV field over 64 KiB", "resource bound", {"text": "participant,date,item,time,notes\nA,2026-01-05,to_bed,23:00,", "repeat": ["x", 100000]}, ["line 2, field \"notes\"", "64 KiB", "shorten the value"])
csv_file("CSV header with 2 000 000 columns", "resource bound", {"text": "participant,date,item,time", "repeat": [",c", 2000000]}, ["line 1", "more than 1024 columns"])
csv_file("CSV rows sorted by date", "unsorted rows", {"text": D + "A,2026-01-05,to_bed,23:00\nB,2026-01-05,to_bed,23:00\nA,2026-01-06,to_bed,23:00\n"}, ["line 4, field participant", "ended at line 2", "--order any"])
csv_file("CSV rows sorted by date read with --order any", "unsorted rows", {"text": D + "A,2026-01-05,to_bed,23:00\nB,2026-01-05,to_bed,23:00\nA,2026-01-06,to_bed,23:00\n", "args": ["--order", "any"]}, [], "accepted: rows are grouped in memory (bounded)")
csv_file("CSV conflicting duplicates with --duplicates last", "duplicate", {"text": D + "A,2026-01-05,to_bed,23:03\nA,2026-01-05,to_bed,18:30\n", "args": ["--duplicates", "last"]}, [], "accepted: the last row is kept; --format json lists the dropped one")
csv_file("CSV day-first dates", "malformed date", {"text": D + "A,05/01/2026,to_bed,23:00\n"}, ["line 2, field date", "--date-format dmy"])
csv_file("CSV day-first dates with --date-format dmy", "date format", {"text": D + "A,05/01/2026,to_bed,23:00\n", "args": ["--date-format", "dmy"]}, [], "accepted")

# --- measures ---------------------------------------------------------------------------
row("PHQ-9 answer 4", "out-of-range value", "measure_values", {"instrument": "phq9", "values": [4, 0, 0, 0, 0, 0, 0, 0, 0]}, "invalid_input", ["from 0 to 3"])
row("PHQ-9 answer -1", "out-of-range value", "measure_values", {"instrument": "phq9", "values": [-1, 0, 0, 0, 0, 0, 0, 0, 0]}, "invalid_input", ["from 0 to 3"])
row("PHQ-9 with 11 answers", "wrong shape", "measure_values", {"instrument": "phq9", "values": [0] * 11}, "invalid_input", ["at most one value per item"])
row("HRSD-17 answer 2147483647", "huge value", "measure_values", {"instrument": "hrsd17", "values": [2147483647] + [0] * 16}, "invalid_input", ["give a whole number"])
for v, n in [(1.5, "1.5"), (1e10, "1e10")]:
    row(f"measure answer {n} read as a number", "not a whole number", "measure_float_answer", {"instrument": "phq9", "item": "phq9_1", "value": v}, "invalid_input", ["not a whole number", "give a whole number"],
        not_in={"kotlin": "Kotlin answers are Int (Answers.set(item, Int)): a fractional or float answer cannot be written"})
row("unknown PHQ-9 item id", "unknown item", "measure_answers", {"instrument": "phq9", "answers": {"item10": 1}}, "invalid_input", ["answer by stable item id"])
row("unknown instrument", "unknown name", "instrument_id", "bdi2", "invalid_input", ["use one of"])
row("prorating more items than the instrument has", "invalid option", "measure_values", {"instrument": "asrm", "values": [1, 1, 1, 1, 1], "policy": {"kind": "prorate_up_to", "max_missing": 5}}, "invalid_input", ["not usable"])
row("stored score with a misspelt field", "unknown field", "load", {"schema": "ipsrt.measure_score", "fixture_replace": ["\"answered_sum\"", "\"answerd_sum\""]}, "parse", ["unknown field", "answerd_sum", "answered_sum"])

# --- relapse ----------------------------------------------------------------------------
row("observations out of date order", "events out of order", "relapse_observe", [{"date": "2026-03-10", "observed": {"type": "check_in"}}, obs_ok], None, [], "accepted by design: a late observation is kept in date order, marked late, and the history is re-evaluated from its date (docs/safety.md)")
row("HRSD-17 item 3 rated 5 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "hrsd", "total": 20, "item3": 5}}], "invalid_input", ["hrsd.item3", "0–4"])
row("EPDS item 10 answered 4 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "epds", "total": 9, "item10": 4}}], "invalid_input", ["epds.item10", "0–3"])
row("C-SSRS screener risk level 4 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "cssrs_screener", "risk": 4}}], "invalid_input", ["cssrs_screener.risk", "3 (high)"])
row("daily mood +6 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "daily_mood", "mood": 6}}], "invalid_input", ["daily_mood.mood", "+5"])
row("warning-sign id of 10 000 bytes observed", "too long", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "warning_sign", "sign": "s" * 10000}}], "invalid_input", ["warning_sign.sign", "(10000 bytes)", "at most 200 bytes"])
row("acknowledgement without who", "missing value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "acknowledged", "by": " ", "action": "called"}}], "invalid_input", ["acknowledged.by", "clinician"])
P = "ipsrt.relapse_plan"
SRC = {"key": "local", "locator": "clinic", "evidence": "design"}
row("relapse plan with a misspelt field", "unknown field", "load", {"schema": P, "fixture_replace": ['"toolbox"', '"tool_box"']}, "parse", ["unknown field `tool_box`", "`toolbox`", "fix the spelling"])
row("alert threshold with a misspelt name", "unknown field", "load", {"schema": P, "json": {"schema": P, "version": 2, "data": {"effective_from": "2026-03-01", "region": "NL", "alerts": {"thresholds": {"phq9_earlywarning": {"value": 14, "source": SRC}}}}}}, "parse", ["unknown field `phq9_earlywarning`", "`phq9_early_warning`", "fix the spelling"])
row("observation with a misspelt field", "unknown field", "load", {"schema": "ipsrt.observation_log", "json": {"schema": "ipsrt.observation_log", "version": 2, "data": {"observations": [{"date": "2026-03-05", "observed": {"type": "phq9", "total": 3, "item_9": 1}}]}}}, "parse", ["unknown field `item_9`", "`item9`", "fix the spelling"])
row("alert machine state with an unknown field", "unknown field", "load", {"schema": "ipsrt.alert_machine", "json": {"schema": "ipsrt.alert_machine", "version": 2, "data": {"level": "green", "arrivals": 0, "timeline": [], "clinical": {"level": "green"}, "decisions": [], "hold_level": "crisis"}}}, "parse", ["unknown field `hold_level`", "fix the spelling"])
row("relapse plan without region or crisis contacts", "missing value", "load", {"schema": P, "json": {"schema": P, "version": 2, "data": {"effective_from": "2026-03-01"}}}, "invalid_input", ["names no region", "set \"region\"", "crisis_line"])
row("relapse plan with an unknown region", "unknown name", "load", {"schema": P, "json": {"schema": P, "version": 2, "data": {"effective_from": "2026-03-01", "region": "FR"}}}, "parse", ["unknown variant `FR`", "`NL`"])
row("PHQ-9 total 28 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "phq9", "total": 28}}], "invalid_input", ["0–27"])
row("PHQ-9 item 9 above the total", "inconsistent values", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "phq9", "total": 1, "item9": 2}}], "invalid_input", ["cannot exceed"])
row("SRM week score 8 observed", "out-of-range value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "srm_week", "week_start": "2026-02-23", "score": 8.0}}], "invalid_input", ["0 to 7"])
row("warning sign not in the plan", "unknown item", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "warning_sign", "sign": "no_such_sign"}}], "not_found", ["not in the plan"])
row("recurrence risk for 0 prior episodes", "out-of-range value", "recurrence_risk", 0, "invalid_input", ["at least 1 prior episode"])
row("recurrence risk for -1 prior episodes (a signed count)", "out-of-range value", "recurrence_risk", -1, "invalid_input", ["-1", "is out of range", "a whole number from 0 to 4294967295"],
    note="Kotlin passes counts as Long and Python as int; the core's count is unsigned",
    not_in={"rust": "the core takes the count as a u32: a negative count cannot be written in Rust"})
row("PHQ-9 total 28 given as a typed integer", "out-of-range value", "relapse_observe_typed", {"type": "phq9", "total": 28}, "invalid_input", ["0–27"],
    note="Kotlin Observed.Phq9(total = 28, item9 = null): an Int in range for the type but not for the PHQ-9")

# --- course -----------------------------------------------------------------------------
row("empty course log", "truncated", "course_replay", [], "invalid_input", ["course_created"])
row("course log not starting with course_created", "events out of order", "course_replay", [onset], "illegal_transition", ["put course_created first"])
row("course events out of date order", "events out of order", "course_replay", [created, dict(onset, date="2026-08-01")], "invalid_input", ["date order"])
row("symptom onset in the future of its event", "future date", "course_replay", [created, {"date": "2026-09-01", "event": {"type": "symptom_onset_recorded", "onset": "2026-12-01"}}], "invalid_input", ["record it on or after"])
row("course_created twice", "duplicate", "course_replay", [created, created], "illegal_transition", ["start a new log"])
# The non-response rule (rules edition 2): a Spaarne course at session 12 (the v3 fixture's log).
sp = json.load(open("test-vectors/persist/ipsrt.course.v3.json"))["data"]["events"]
at12 = sp[:20]  # session 12 held, no evaluation at or after it yet
def sp_ev(date, event):
    return {"date": date, "event": event}
s13 = sp_ev("2026-11-24", {"type": "session_recorded", "number": 13, "attendance": "attended"})
no_benefit = sp_ev("2026-11-17", {"type": "response_evaluated", "verdict": "minimal_or_no_benefit"})
eval8 = sp_ev("2026-10-20", {"type": "response_evaluated", "verdict": "partial_response"})
row("course session past the stop session without a fresh evaluation", "missing step", "course_replay", sp[:16] + [eval8] + sp[16:20] + [s13], "illegal_transition", ["fresh response evaluation is due", "record {op:response_evaluated} before session 13"])
row("course session while a stop candidate awaits the decision", "missing step", "course_replay", at12 + [no_benefit, s13], "illegal_transition", ["stop candidate", "record {op:ended_non_response}"])
row("course ended for non-response without the alternative offered", "missing value", "course_replay", at12 + [no_benefit, sp_ev("2026-11-17", {"type": "ended_non_response"})], "invalid_input", ["alternative offered", "give alternative_offered"])
row("course completed after a no-benefit verdict", "illegal transition", "course_replay",
    at12 + [no_benefit, sp_ev("2026-11-17", {"type": "non_response_stop_declined", "reason": "medication just started"}),
            sp_ev("2026-11-17", {"type": "termination_started"}),
            sp_ev("2026-11-17", {"type": "relapse_prevention_plan_recorded", "summary": "warning signs"}),
            sp_ev("2026-11-17", {"type": "course_completed"})],
    "illegal_transition", ["found minimal or no benefit", "record {op:ended_non_response}"])
# Focus changes in the middle phase (the v3 fixture's course is in the middle phase from event 10, focused on grief).
mid = sp[:12]
def focus(**kw):
    return sp_ev("2026-09-22", dict({"type": "focus_changed"}, **kw))
row("focus change without a reason", "missing value", "course_replay", mid + [focus(area="role_transition", replaces="grief", reason=" ")], "invalid_input", ["reason is empty", "write a short description"])
row("focus change to a third problem area", "too many items", "course_replay",
    mid + [focus(area="role_transition", reason="job loss"), focus(area="role_dispute", dispute_stage="impasse", reason="fights")],
    "illegal_transition", ["already works on 2 problem areas", "give the area the new one replaces"])
row("focus change in the initial phase", "illegal transition", "course_replay", sp[:6] + [sp_ev("2026-09-08", {"type": "focus_changed", "area": "grief", "reason": "r"})], "illegal_transition", ["middle phase", "choose or remove areas"])
row("course recurrence outside maintenance", "illegal transition", "course_replay", mid + [sp_ev("2026-09-22", {"type": "recurrence_recorded", "contract": {"sessions": 12, "frequency": "weekly", "minutes": 50}})], "illegal_transition", ["cannot record a recurrence", "keep working under the contract"])
row("non-response stop declined with no stop candidate", "illegal transition", "course_replay", at12 + [sp_ev("2026-11-17", {"type": "non_response_stop_declined", "reason": "x"})], "illegal_transition", ["no stop candidate", "record {op:response_evaluated} first"])
# Course attributes (ipsrt.course v4; the v4 fixture's course raises termination at event 21).
v4 = json.load(open("test-vectors/persist/ipsrt.course.v4.json"))["data"]["events"]
def v4_ev(event, date="2026-11-24"):
    return {"date": date, "event": event}
loss = v4_ev({"type": "termination_task_recorded", "task": "loss_expressed"})
row("termination task recorded twice", "duplicate", "course_replay", v4[:24] + [loss], "illegal_transition", ["termination task loss_expressed is already recorded", "each task is recorded once"])
row("termination task before termination", "illegal transition", "course_replay", v4[:12] + [v4_ev({"type": "termination_task_recorded", "task": "aftercare_agreed"}, "2026-09-22")], "illegal_transition", ["cannot record a termination task in the middle phase", "termination_started"])
row("termination task left out without a reason", "missing value", "course_replay", v4[:22] + [v4_ev({"type": "termination_task_skipped", "task": "aftercare_agreed", "reason": " "})], "invalid_input", ["reason is empty"])
# Unknown names are refused while the log is read (load), before any replay.
def v4_log(events):
    return {"schema": "ipsrt.course", "json": {"schema": "ipsrt.course", "version": 4, "data": {"events": events}}}
row("unknown termination task", "unknown name", "load", v4_log(v4[:22] + [v4_ev({"type": "termination_task_recorded", "task": "goodbye_card"})]), "parse", ["unknown variant `goodbye_card`", "`loss_expressed`"])
row("medication stopped that is not running", "illegal transition", "course_replay", v4[:22] + [v4_ev({"type": "medication_stopped", "medication": "Sertraline"})], "illegal_transition", ["\"Sertraline\" is not running", "use the name exactly as in medication_started"])
row("medication started twice while running", "duplicate", "course_replay", v4[:23] + [v4_ev({"type": "medication_started", "medication": "sertraline"})], "illegal_transition", ["already running", "record {op:medication_stopped} first"])
row("medication without a name", "missing value", "course_replay", v4[:22] + [v4_ev({"type": "medication_started", "medication": ""})], "invalid_input", ["medication is empty"])
row("medication start after its record", "future date", "course_replay", v4[:22] + [v4_ev({"type": "medication_started", "medication": "sertraline", "started": "2026-12-24"})], "invalid_input", ["the medication start (2026-12-24) is after the event's date", "record it on or after"])
row("unknown session delivery mode", "unknown name", "load", v4_log(v4[:2] + [v4_ev({"type": "session_recorded", "number": 1, "attendance": "attended", "mode": "letter"}, "2026-09-08")]), "parse", ["unknown variant `letter`", "`in_person`"])
row("unknown course population", "unknown name", "load", v4_log(v4[:1] + [v4_ev({"type": "population_set", "population": "children"}, "2026-09-01")]), "parse", ["unknown variant `children`", "`older_adult`"])
row("course population set twice to the same value", "duplicate", "course_replay", v4[:2] + [v4_ev({"type": "population_set", "population": "perinatal"}, "2026-09-01")], "illegal_transition", ["this population is already recorded", "give a different population"])

# --- schedules --------------------------------------------------------------------------
SC, ZH, SR = "ipsrt.schedule", "ipsrt.zone_history", "ipsrt.schedule_records"
row("schedule recurring every 0 days", "out-of-range value", "load", {"schema": SC, "fixture_replace": ['"every": 1', '"every": 0']}, "parse", ["every (days)", "1 to 366"])
row("schedule grace period longer than its window", "inconsistent values", "load", {"schema": SC, "fixture_replace": ['"grace_minutes": 360', '"grace_minutes": 2000']}, "parse", ["grace period", "lengthen the window"])
row("schedule slot listed twice", "duplicate", "load", {"schema": SC, "fixture_replace": ['["02:30", "20:00"]', '["20:00", "20:00"]']}, "parse", ["lists 20:00 twice"])
row("schedule task id with capitals", "malformed id", "load", {"schema": SC, "fixture_replace": ['"id": "lithium"', '"id": "Lithium"']}, "parse", ["invalid task id", "lowercase"])
row("zone history out of date order", "events out of order", "load", {"schema": ZH, "fixture_replace": ['"2026-04-10"', '"2025-12-01"']}, "parse", ["zone change 1", "oldest first"])
row("schedule records with a session twice", "duplicate", "load", {"schema": SR, "fixture_replace": ['{"number": 2, ', '{"number": 1, ']}, "parse", ["session 1 is listed twice"])
row("excusal without a reason", "missing value", "load", {"schema": SR, "fixture_replace": ['"reason": "inpatient stay"', '"reason": " "']}, "parse", ["excusal reason", "1 to 200"])
EVAL = {"from": "2026-09-01", "to": "2026-09-30", "now": "2026-10-01T00:00:00Z"}
def completion(occ, local):
    t, d, sl = occ.split("/")
    return {"occurrence": {"task": t, "date": d, "slot": sl}, "at": {"local": local, "zone": "Europe/Amsterdam"}}
row("completion for a task the schedule lacks", "unknown item", "schedule_evaluate", dict(EVAL, completions=[completion("gad7/2026-09-06/20:00", "2026-09-06T20:00:00")]), "not_found", ["completion 0", "no task"])
row("completion for a day the task does not recur", "unknown item", "schedule_evaluate", dict(EVAL, completions=[completion("asrm/2026-09-07/20:00", "2026-09-07T20:00:00")]), "not_found", ["does not recur on 2026-09-07"])
row("completion for a slot the task lacks", "unknown item", "schedule_evaluate", dict(EVAL, completions=[completion("asrm/2026-09-06/21:00", "2026-09-06T21:00:00")]), "not_found", ["no slot 21:00"])
row("completion before its window opened", "future date", "schedule_evaluate", dict(EVAL, completions=[completion("asrm/2026-09-06/20:00", "2026-09-06T19:00:00")]), "invalid_input", ["before the window opened", "widen the window"])
row("schedule range ending before it starts", "reversed range", "schedule_evaluate", dict(EVAL, **{"from": "2026-09-30", "to": "2026-09-01"}), "invalid_input", ["give an end on or after the start"])
row("schedule range of ten years", "resource bound", "schedule_evaluate", dict(EVAL, to="2036-09-01"), "invalid_input", ["split the range"])
row("occurrence id without a slot", "malformed id", "occurrence_id", "asrm/2026-09-06", "parse", ["TASK/YYYY-MM-DD/HH:MM"])

# --- care record (the frozen ipsrt.care_log fixture, one value changed; loading replays the log) ---
CL = "ipsrt.care_log"
row("care entry id used twice", "duplicate", "load", {"schema": CL, "fixture_replace": ['"id": "e-0002"', '"id": "e-0001"']}, "invalid_input", ["entry 1", "already used by entry 0", "give the new entry its own id"])
row("care entry id with a space", "malformed id", "load", {"schema": CL, "fixture_replace": ['"id": "e-0003"', '"id": "e 0003"']}, "invalid_input", ["entry 2", "ASCII letters, digits"])
row("care course event for a course never started", "unknown item", "load", {"schema": CL, "fixture_replace": ['"course": "ipsrt-1"', '"course": "ipsrt-0"']}, "invalid_input", ["course \"ipsrt-1\" is not known", "course_started"])
row("care retraction of an unknown entry", "unknown item", "load", {"schema": CL, "fixture_replace": ['"target": "e-0014"', '"target": "e-9999"']}, "invalid_input", ["target \"e-9999\" is not known", "arrived before it"])
row("care completion of an occurrence the schedule lacks", "unknown item", "load", {"schema": CL, "fixture_replace": ['"date": "2026-01-19",\n     "slot": "09:00"', '"date": "2026-01-19",\n     "slot": "10:00"']}, "invalid_input", ["occurrence", "no slot 10:00"])
row("care diary mood out of range", "out-of-range value", "load", {"schema": CL, "fixture_replace": ['"mood": -2', '"mood": 9']}, "invalid_input", ["mood", "-5 to +5"])
row("care patient zone unknown", "unknown item", "load", {"schema": CL, "fixture_replace": ['"patient_ref": "P-0042",\n     "zone": "Europe/Amsterdam"', '"patient_ref": "P-0042",\n     "zone": "Europe/Amsterdan"']}, "invalid_input", ["IANA zone name"])
# IPSRT course entries: the fixture's first course event (an IPT course's) made an IPSRT event.
CL_SESSION = '"type": "course_event",\n     "course": "ipsrt-1",\n     "event": {\n      "type": "session_recorded",\n      "number": 1,\n      "attendance": "attended"\n     }'
def cl_ipsrt(event):
    return ['"type": "ipsrt_course_event",\n     "course": "ipsrt-1",\n     "event": ' + event]
row("care IPSRT event for an IPT course", "wrong kind", "load", {"schema": CL, "fixture_replace": [CL_SESSION] + cl_ipsrt('{"type": "task_done", "date": "2026-01-05", "task": "life_chart"}')}, "invalid_input", ["entry 9", "course \"ipsrt-1\" is invalid", "IPT course", "ipsrt_course_started"])
row("care IPSRT event dated off its entry", "inconsistent values", "load", {"schema": CL, "fixture_replace": [CL_SESSION] + cl_ipsrt('{"type": "task_done", "date": "2026-01-06", "task": "life_chart"}')}, "invalid_input", ["entry 9", "event.date", "2026-01-06", "effective date 2026-01-05"])
row("care IPSRT event wrapping an IPT event", "wrong kind", "load", {"schema": CL, "fixture_replace": [CL_SESSION] + cl_ipsrt('{"type": "course", "record": {"date": "2026-01-05", "event": {"type": "sick_role_recorded"}}}')}, "invalid_input", ["entry 9", "course_event entry"])
# --- score series (measures::series): one instrument's dated totals ------------------------
def series_row(name, kind, inp, says):
    row(name, kind, "score_series", inp, "invalid_input", says)
series_row("score series with no scores", "empty input", {"instrument": "phq9", "points": []}, ["has no scores", "give at least one dated total"])
series_row("score series total 28 on the PHQ-9", "out-of-range value", {"instrument": "phq9", "points": [{"date": "2026-01-01", "total": 3}, {"date": "2026-01-08", "total": 28}]}, ["point 1", "2026-01-08", "0–27"])
series_row("score series with two scores on one date", "duplicate", {"instrument": "gad7", "points": [{"date": "2026-01-08", "total": 3}, {"date": "2026-01-01", "total": 4}, {"date": "2026-01-08", "total": 5}]}, ["points 0 and 2", "keep one"])
series_row("score series baseline without a score", "not found in input", {"instrument": "phq9", "baseline": "2026-02-01", "points": [{"date": "2026-01-01", "total": 3}]}, ["baseline 2026-02-01", "give the date of one of its scores"])
series_row("score series reliability of 1", "out-of-range value", {"instrument": "gad7", "points": [{"date": "2026-01-01", "total": 3}], "reliable_change": {"sd": {"value": 5.0, "source": {"key": "local", "locator": "x", "evidence": "design"}}, "reliability": {"value": 1.0, "source": {"key": "local", "locator": "x", "evidence": "design"}}, "kind": "test_retest"}}, ["reliability 1", "give a reliability coefficient"])
row("instrument definition with a misspelt field", "unknown field", "load", {"schema": "ipsrt.instrument", "fixture_replace": ["\"administration\"", "\"administraton\""]}, "parse", ["unknown field", "administraton", "administration"])
row("course event with a misspelt field", "unknown field", "load", {"schema": "ipsrt.course", "fixture_replace": ["\"diagnosis\": \"major", "\"diagnosys\": \"major"]}, "parse", ["unknown field", "diagnosys", "diagnosis"])
row("course log with an extra top-level field", "unknown field", "load", {"schema": "ipsrt.course", "fixture_replace": ["\"events\": [", "\"notes\": \"x\", \"events\": ["]}, "parse", ["unknown field", "notes", "events", "snapshot"])
row("episode log with a misspelt field", "unknown field", "load", {"schema": "ipsrt.episode_course", "fixture_replace": ["\"started\"", "\"start\""]}, "parse", ["unknown field", "start", "started"])

# --- measure CSV files (`ipsrt measure series` / `ipsrt measure score --input answers.csv`) --
MFILE = "reading a file is the `ipsrt` command's job; {}"
MFILE_NOT_IN = {"python": MFILE.format("Python builds a ScoreSeries from (date, total) pairs and scores a DataFrame with score_frame"),
                "kotlin": MFILE.format("an app builds a ScoreSeries from SeriesPoint values and scores answers with scoreMeasure")}
def measure_file(name, kind, inp, says):
    row(name, kind, "measure_csv_file", inp, "invalid_input", says, not_in=MFILE_NOT_IN)
measure_file("series CSV with an unknown column", "unknown column", {"command": "series", "text": "date,total,score\n2026-01-01,3,1\n", "args": ["--instrument", "phq9"]}, ["line 1", "unknown column \"score\"", "rename or remove it"])
measure_file("series CSV with two scores on one day", "duplicate", {"command": "series", "text": "date,total,instrument\n2026-01-01,3,phq9\n2026-01-01,4,phq9\n"}, ["line 3, field date", "line 2", "keep one"])
measure_file("series CSV with two instruments", "mixed input", {"command": "series", "text": "date,total,instrument\n2026-01-01,3,phq9\n2026-01-08,4,gad7\n"}, ["line 3, field instrument", "split the file"])
measure_file("answers CSV with a gap in the item columns", "missing column", {"command": "score", "text": "id,instrument,item1,item3\np1,gad7,1,1\n"}, ["line 1", "column 4", "expected item2"])
measure_file("answers CSV answer 1.5", "not a whole number", {"command": "score", "text": "id,instrument,item1,item2\np1,gad7,1,1.5\n"}, ["line 2, field item2", "\"1.5\"", "give the item's answer as a whole number"])
measure_file("answers CSV answer beyond the instrument's items", "wrong shape", {"command": "score", "text": "id,instrument,item1,item2,item3,item4,item5,item6,item7,item8\np1,gad7,1,1,1,1,1,1,1,2\n"}, ["line 2, field item8", "has 7 items", "keep item8 onwards empty"])

# Rows a binding's API cannot express at all (row name -> {binding: reason}), besides the
# `not_in` given in row() above; covered_by = rust + every binding not named in not_in.
ENUM_ITEM = "SrmItem is a closed enum in Kotlin: an unknown item id or number cannot be written (the CSV rows reach the same parser)"
BATCH = "the columnar batch scorer (srm::batch, caller-allocated buffers) is not in the mobile API: apps score diaries with SrmDiary.scoreWeek(s)"
# --- typed rules, options and forms (Kotlin: Group.withRules, SrmScoringOptions, SrmDiary.withForm) ---
# A format's default rules with the values of `set` (each rule's value in the core's serde form).
for name, t, field, value, says in [
    ("group rules with a reversed typical range", "process_group", "typical", [9, 8], ["invalid group rule typical", "9–8"]),
    ("group rules with a typical range outside the size limits", "ipsrt_group", "typical", [2, 8], ["invalid group rule typical", "size limits 6–8"]),
    ("group rules with a reversed membership range", "process_group", "membership_months", [18, 12], ["invalid group rule membership_months"]),
    ("group rules with sessions of 0 minutes", "process_group", "session_minutes", 0, ["invalid group rule session_minutes", "1–1440"]),
    ("group rules with the midway meeting after the last session", "ipt_g", "midway_after_session", 20, ["invalid midway_after_session 20", "20 planned sessions"]),
]:
    row(name, "out-of-range value", "group_rules", {"group_type": t, "set": {field: value}}, "invalid_input", says)
row("scoring options with a hit window of 721 minutes", "out-of-range value", "srm_scoring_options", {"hit_window_min": 721}, "invalid_input", ["hit_window_min", "more than 720"])
row("scoring options counting items done on 0 days", "out-of-range value", "srm_scoring_options", {"min_occurrences": 0}, "invalid_input", ["min_occurrences", "1..=7"])
row("SRM-17 form with a blank write-in name", "missing value", "srm_form", {"type": "srm_17", "activity_a": "  "}, "invalid_input", ["activity_a is blank", "leave the write-in out"])
row("SRM-17 form with a write-in name of 201 characters", "too long", "srm_form", {"type": "srm_17", "activity_b": "w" * 201}, "invalid_input", ["activity_b", "limit of 200 characters"])

# --- locales ----------------------------------------------------------------------------
for loc, n in [("de_DE.UTF-8", "German (not supported)"), ("C", "the POSIX C locale"), ("", "empty"), ("nederlands", "a language name instead of a code")]:
    row(f"locale {n}", "unsupported locale", "locale", loc, "invalid_input", ["give en or nl"],
        note="the CLI's --locale refuses it before running; from the environment it falls back to English")

# --- care migration (care::migrate::to_care_log; Python ipsrt.care_migrate(strict=True); Kotlin careMigrate) ---
# Each document is a stored file, read by the kind its envelope names; `replace` changes one value.
def mig(*docs):
    return {"patient": "p-1", "zone": "Europe/Amsterdam", "documents": list(docs)}
DIARY = {"file": "test-vectors/persist/ipsrt.srm_diary.v1.json"}
# (An IPSRT course migrates whole since care log version 4: its row "care migration of an IPSRT
# course with phases and tasks" was removed with the refusal.)
ONE = "the binding takes one diary (a keyword argument, a record field), so a second diary cannot be passed"
row("care migration of two diaries", "duplicate", "care_migrate", mig(DIARY, DIARY), "invalid_input",
    ["ipsrt.srm_diary: 2 documents", "pass only one of them"], not_in={"python": ONE, "kotlin": ONE})
row("care migration of a diary with another late grace", "setting without a place in the target", "care_migrate",
    mig({**DIARY, "replace": ['"late_grace_hours": 12', '"late_grace_hours": 48']}), "invalid_input",
    ["late_grace_hours 48", "keep this diary"])
row("care migration of a medication log with another tolerance", "setting without a place in the target", "care_migrate",
    mig({"file": "test-vectors/persist/ipsrt.medication_log.v1.json", "replace": ['"late_after_minutes": 60', '"late_after_minutes": 90']}),
    "invalid_input", ["late_after_minutes 90", "keep this log"])
row("care migration of a score computed with another missing-data policy", "setting without a place in the target", "care_migrate",
    mig({"file": "test-vectors/persist/ipsrt.measure_score.v2.json", "date": "2026-03-02"}), "invalid_input",
    ["other options", "keep this score"])

# --- care record score series (CareRecord::score_series on the frozen care log) ---------------
row("care score series of an instrument without scores", "not found in input", "care_score_series", {"schema": CL, "fixture": True, "instrument": "gad7"}, "invalid_input", ["no scored gad7 result", "choose an instrument it has scores for (phq9, asrm)"])
row("care score series with two results on one date", "duplicate", "care_score_series", {"schema": CL, "instrument": "asrm", "fixture_replace": ['"effective": "2026-01-18",\n    "at": {\n     "local": "2026-01-18T20:10:00"', '"effective": "2026-01-11",\n    "at": {\n     "local": "2026-01-11T20:10:00"']}, "invalid_input", ["\"e-0021\" and \"e-0030\"", "dated 2026-01-11", "keep one"])
row("care score series baseline without a score", "not found in input", "care_score_series", {"schema": CL, "fixture": True, "instrument": "phq9", "baseline": "2026-01-06"}, "invalid_input", ["baseline 2026-01-06", "give the date of one of its scores"])

# --- course: deficits as a last resort -----------------------------------------------------
# Deficits as a last resort (rules edition 3, ipsrt.course v5; the v5 fixture chooses deficits at
# event 9 despite the evidence and acknowledges it at event 15).
v5 = json.load(open("test-vectors/persist/ipsrt.course.v5.json"))["data"]["events"]
def ack_deficits(by="dr. B", date="2026-06-20"):
    return {"date": date, "event": {"type": "deficits_acknowledged", "by": by, "reason": "reviewed"}}
row("deficits acknowledged twice", "duplicate", "course_replay", v5[:16] + [ack_deficits()], "illegal_transition", ["no deficits warning to acknowledge: it is already acknowledged", "check the course status"])
row("deficits acknowledged while deficits is not the focus", "illegal transition", "course_replay", v5[:9] + [ack_deficits(date="2026-06-08")], "illegal_transition", ["interpersonal deficits is not the focus", "check the course status"])
row("deficits acknowledged without who", "missing value", "course_replay", v5[:15] + [ack_deficits(by=" ")], "invalid_input", ["by is empty", "write a short description"])
# Maintenance contract against the maintenance protocol (rules edition 3; the v5 fixture starts
# maintenance at event 18, twice weekly with a deviation).
row("maintenance contract at a frequency off the protocol without a deviation", "out-of-range value", "course_replay",
    v5[:18] + [{"date": "2026-06-22", "event": {"type": "maintenance_started", "contract": {"sessions": 24, "frequency": "twice_weekly", "minutes": 50}}}],
    "illegal_transition", ["frequency twice_weekly lies outside the ipt_maintenance protocol's frequencies weekly", "give a deviation reason"])
# Inventory facts not assessed are left out (or null); a made-up "not assessed" value is refused
# with the values it may take and how to write "not assessed".
def person_doc(**fact):
    return {"schema": "ipsrt.inventory", "version": 2, "data": {"people": [dict({"id": "p", "name": "P", "role": "friend"}, **fact)]}}
row("inventory conflict written as not_assessed", "unknown name", "load", {"schema": "ipsrt.inventory", "json": person_doc(conflict="not_assessed")}, "parse", ['conflict "not_assessed" is not one of none (assessed: no conflict), overt, covert', "leave conflict out (or null) when it was not assessed"])
row("inventory confiding written as unknown", "wrong type", "load", {"schema": "ipsrt.inventory", "json": person_doc(confiding="unknown")}, "parse", ['confiding "unknown" is not one of true, false', "leave confiding out (or null) when it was not assessed"])
# Runs of missed occurrences observed (care-derived observations).
row("missed occurrences of a task with an empty task id observed", "missing value", "relapse_observe", [{"date": "2026-03-05", "observed": {"type": "missed_occurrences", "task": " ", "count": 3}}], "invalid_input", ["missed_occurrences.task", "not empty"])
# A time with a fraction of a second: what a Python datetime.time(23, 0, 0, 500000) cell of a
# DataFrame becomes (srm.score_frame); refused, never cut to 23:00.
csv_row("CSV time with a fraction of a second", "malformed time", ["P1,2026-01-05,to_bed,23:00:00.500000,,"], ["line 2, field time", "seconds", "HH:MM"])

NOT_IN = {
    "unknown SRM item": {"kotlin": ENUM_ITEM},
    "SRM item number 18": {"kotlin": ENUM_ITEM},
    "unknown instrument": {"kotlin": "InstrumentId is a closed enum in Kotlin: an unknown instrument id cannot be written"},
    "JSON of another type": {"kotlin": "Kotlin's scoring options are the typed SrmScoringOptions record, which has no loader of its own, and normalizeSnapshot loads a document as the schema it names: loading a diary as scoring options cannot be asked (the typed fromJson loaders reject other types)"},
    "week day 7": {"kotlin": "Kotlin has no Week object: SrmDiary.add takes a LocalDate, so a day index outside 0..6 cannot be written"},
}
for c in R:
    if c["call"] == "srm_batch":
        NOT_IN.setdefault(c["name"], {})["kotlin"] = BATCH
names = {c["name"] for c in R}
assert set(NOT_IN) <= names, set(NOT_IN) - names
for c in R:
    c["not_in"] = {**c["not_in"], **NOT_IN.get(c["name"], {})}
    assert set(c["not_in"]) <= set(LANGS), c["not_in"]
    c["covered_by"] = [lang for lang in LANGS if lang not in c["not_in"]]

json.dump({
    "about": "The bad-input catalogue: inputs users and apps really send, and the typed error each gets. Each case is one test in every language that lists it in covered_by. docs/bad-input.md is generated from this file. A phrase `{op:NAME}` stands for the operation whose Rust/JSON name is NAME as each language names it (ipsrt::operation; Kotlin operationNames(), Python ipsrt.operation_names()): `{op:response_evaluated}` is `response_evaluated` in Rust and `evaluateResponse` in Kotlin.",
    "source": "issue 8 (reliability); error kinds from crates/ipsrt/src/error.rs",
    "actionable": ACTIONABLE,
    "cases": R,
}, open("test-vectors/bad-input/catalogue.json", "w"), indent=1, ensure_ascii=False)
open("test-vectors/bad-input/catalogue.json", "a").write("\n")
print(len(R), "rows")

# --- docs/bad-input.md -------------------------------------------------------------------
cases = json.load(open("test-vectors/bad-input/catalogue.json"))["cases"]
out = ["# Bad-input catalogue", "",
       "What happens when an app or a script hands ipsrt something wrong. Every row is a test: the",
       "rows live in [`test-vectors/bad-input/catalogue.json`](../test-vectors/bad-input/catalogue.json)",
       "and each language in a row's *run in* column drives it through its own public API:",
       "`crates/ipsrt/tests/vectors_bad_input.rs` (Rust, every row its types can express),",
       "`bindings/python/tests/test_bad_input.py` (Python) and",
       "`bindings/uniffi/tests/kotlin/BadInputTests.kt` (Kotlin). Each checks the error kind (in Python",
       "and Kotlin: one exception class per kind), that the message contains the listed phrases, and",
       "that the message says what to do (one of the catalogue's `actionable` phrases). Where a phrase",
       "names an operation, each language expects its own name for it (`response_evaluated` in Rust and",
       "Python's `Course.apply`, `evaluateResponse` in Kotlin and Swift; `ipsrt::operation`). No row may",
       "panic, and the bindings check that no other exception escapes and that a rejected step left the",
       "object unchanged. The *run in* column is computed, not written: each suite checks that it runs",
       "exactly the rows that list its language.", "",
       "Error kinds: `invalid_input` (a value out of range or malformed), `illegal_transition` (a state",
       "machine refused a step; nothing changed), `not_scorable`, `not_found`, `schema` (persisted JSON",
       "of an unknown schema or a newer version), `parse` (text that is not the expected JSON; truncated,",
       "too large, too deep, not UTF-8).", "",
       "This file is generated by `scripts/dev/gen_bad_input.py`; edit the script, not the table.", "",
       "| # | bad input | kind of mistake | entry point | error kind | the message says | run in |",
       "|---|---|---|---|---|---|---|"]
for i, c in enumerate(cases, 1):
    e = c["expected"]
    kind = "`" + e["error"] + "`" if "error" in e else "accepted: " + c["note"]
    says = "; ".join("“" + re.sub(r"\{op:([a-z_]+)\}", r"\1", p).replace("|", "\\|") + "”" for p in e.get("says", []))
    out.append(f"| {i} | {c['name']} | {c['kind']} | `{c['call']}` | {kind} | {says} | {', '.join(c['covered_by'])} |")
n_rust = sum("rust" in c["covered_by"] for c in cases)
out += ["", f"{len(cases)} rows. Rust (`crates/ipsrt/tests/vectors_bad_input.rs`) runs {n_rust} of them (not those whose",
        "input is a signed integer only a binding can pass where the core's type is unsigned); each binding runs",
        "every row except those whose input its API cannot express (`not_in` in the catalogue):", ""]
SUITES = {"python": "bindings/python/tests/test_bad_input.py", "kotlin": "bindings/uniffi/tests/kotlin/BadInputTests.kt"}
for b in BINDINGS:
    n = sum(b in c["covered_by"] for c in cases)
    out.append(f"- {b} (`{SUITES[b]}`): {n} rows")
out += ["", "Rows a language does not run, and why:", ""]
for c in cases:
    for b, why in c["not_in"].items():
        out.append(f"- {c['name']} ({b}): {why}")
out += ["",
        "CSV rows (`srm_long_format`) go through the core's long-format reader (`srm::long_format`), the",
        "parser behind `ipsrt srm score`. CSV files (`srm_csv_file`) go through the `ipsrt srm score`",
        "command itself (encoding, delimiter, record and column limits, empty files), run by",
        "`crates/ipsrt-cli/tests/bad_input_csv.rs`; the core's test skips them. Measure CSV files",
        "(`measure_csv_file`) go through `ipsrt measure series` and `ipsrt measure score --input`, run by",
        "the same test.", ""]
open("docs/bad-input.md", "w").write("\n".join(out))
