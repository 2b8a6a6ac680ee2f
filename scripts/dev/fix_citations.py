"""Rewrites citations of the project's unshipped design notes into shipped targets.

Early code, docs and test vectors cite the design notes the project was built from
(``spec clinical.md §7.1``, ``clinical spec §8.3``, ``spec §6.4``, ``(spec srm.md §2.2)``,
``§11 rule 20``, ``engineering.md §1``, ``peers.md §3`` ...). Those notes do not ship, so a
user cannot follow such a citation. This script replaces each one with what ships: a page of
``docs/`` (with an anchor) and, for design choices, ``docs/decisions.md#<anchor>``.

The rewrite is keyed on the section number (a table below maps each section to a docs page
and anchor), so it also works on lines that other branches are changing. It is idempotent:
a second run changes nothing. It never touches ``test-vectors/persist/`` (frozen fixtures
must stay byte-identical), ``fuzz/regressions/`` (fuzz inputs: bytes, not prose) or
``scripts/dev/`` (developer tools, which may name the notes they were written from).

Run from the repository root:
    python3 scripts/dev/fix_citations.py          # rewrite, print what changed per file
    python3 scripts/dev/fix_citations.py --check  # rewrite nothing; exit 1 if anything would change
    python3 scripts/dev/fix_citations.py --selftest

``crates/ipsrt/tests/citations.rs`` checks the result: every file name and docs anchor a
tracked file names must exist.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

SKIP_PREFIXES = ("test-vectors/persist/", "fuzz/regressions/", "fuzz/corpus/", "scripts/dev/", "target/")
TEXT_EXT = (".rs", ".md", ".json", ".py", ".kt", ".swift", ".toml", ".txt", ".sh", ".pyi", ".yml", ".yaml", ".csv")

# --- targets: (docs page, anchor or None, link title) ----------------------------------------
T = {
    "sources": ("sources.md", None, "sources"),
    "course": ("course.md", None, "the IPT course"),
    "contract": ("course.md", "protocols-and-the-contract", "protocols and the contract"),
    "guard": ("course.md", "the-initial-phase-guard-and-the-focus", "the initial-phase guard"),
    "sessions": ("course.md", "sessions", "sessions"),
    "termination": ("course.md", "termination", "termination"),
    "maintenance": ("course.md", "maintenance-ipt-m", "maintenance (IPT-M)"),
    "course-machine": ("course.md", "course-state-machine", "the course state machine"),
    "evaluation": ("course.md", "response-evaluation-hook-for-the-measures-module", "response evaluation"),
    "taxonomies": ("problem-areas.md", "taxonomies", "problem-area taxonomies"),
    "stages": ("problem-areas.md", "role-dispute-stages", "role-dispute stages"),
    "life-events": ("problem-areas.md", "life-events-and-suggested-areas", "life events and suggested areas"),
    "inventory": ("inventory.md", "fields-per-person", "inventory fields"),
    "ipsrt-why": ("ipsrt.md", "why-three-components", "IPSRT's three components"),
    "ipsrt-course": ("ipsrt.md", "the-ipsrt-course", "the IPSRT course"),
    "life-chart": ("ipsrt.md", "the-life-chart", "the life chart"),
    "stabilisation": ("ipsrt.md", "stabilisation-criterion", "the stabilisation criterion"),
    "rhythm-plan": ("ipsrt.md", "rhythm-stabilisation-plan", "the rhythm stabilisation plan"),
    "medication": ("ipsrt.md", "medication-adherence-log", "the medication log"),
    "prodromes": ("relapse.md", "prodrome-actions", "prodrome actions"),
    "risk": ("relapse.md", "recurrence-risk", "recurrence risk"),
    "plan": ("relapse.md", "the-plan", "the relapse-prevention plan"),
    "alert": ("relapse.md", "alert-levels", "alert levels"),
    "episode": ("episode.md", "rules", "episode rules"),
    "instruments": ("measures.md", "the-instruments", "the instruments"),
    "phq9": ("measures.md", "phq-9-ksw-2001", "PHQ-9"),
    "item9": ("measures.md", "flags-are-computed-from-raw-answers-whatever-the-policy", "the PHQ-9 item-9 flag"),
    "hrsd": ("measures.md", "hrsd-17-hamilton-1960", "HRSD-17"),
    "asrm": ("measures.md", "asrm-altman-1997", "ASRM"),
    "ymrs": ("measures.md", "ymrs-young-1978", "YMRS"),
    "missing": ("measures.md", "missing-data", "missing data"),
    "groups": ("groups.md", "three-different-kinds-of-group", "group kinds"),
    "ips-principles": ("ips.md", "principles", "IPS principles"),
    "ips-fidelity": ("ips.md", "fidelity", "IPS-25 fidelity"),
    "ips-kpis": ("ips.md", "kpis", "IPS KPIs"),
    "srm-forms": ("srm.md", "forms", "SRM forms"),
    "srm-scoring": ("srm.md", "scoring", "SRM scoring"),
    "srm-options": ("srm.md", "options", "SRM options"),
    "srm-midnight": ("srm.md", "midnight", "midnight handling"),
    "srm-golden": ("srm.md", "golden-cases", "golden cases"),
    "srm-regularity": ("srm.md", "regularity", "regularity metrics"),
    "python-build": ("decisions.md", "python-build", "Python build settings"),
    # design decisions
    "d-alert": ("decisions.md", "alert-levels", "alert-level design"),
    "d-crisis": ("decisions.md", "crisis-lines", "crisis lines"),
    "d-rhythm": ("decisions.md", "rhythm-plan", "rhythm-plan design"),
    "d-groups": ("decisions.md", "groups", "group design"),
    "d-peers": ("decisions.md", "lessons-from-other-systems", "lessons from other systems"),
    "d-life-events": ("decisions.md", "life-event-mapping", "life-event mapping"),
    "x-areas": ("decisions.md", "disagree-problem-areas", "sources disagree: problem areas"),
    "x-sessions": ("decisions.md", "disagree-session-counts", "sources disagree: session counts"),
    "x-recurrence": ("decisions.md", "disagree-recurrence", "sources disagree: recurrence"),
    "x-hrsd": ("decisions.md", "disagree-hrsd-bands", "sources disagree: HRSD bands"),
    "x-grief": ("decisions.md", "disagree-grief-scope", "sources disagree: grief"),
    "x-ips": ("decisions.md", "disagree-ips-principles", "sources disagree: IPS principles"),
    "x-groups": ("decisions.md", "disagree-group-types", "sources disagree: group types"),
    "x-open": ("decisions.md", "where-the-sources-disagree", "where the sources disagree"),
}

# --- the clinical notes: section -> target -------------------------------------------------
CLINICAL = {
    "1": "sources", "2": "course", "2.1": "contract", "2.2": "contract", "2.3": "guard",
    "2.4": "sessions", "2.5": "termination", "2.5.4": "termination", "2.6": "maintenance",
    "2.7": "course-machine", "3": "taxonomies", "3.1": "taxonomies", "3.2": "taxonomies",
    "3.3": "taxonomies", "3.4": "life-events", "4": "inventory", "4.1": "inventory",
    "4.2": "guard", "4.3": "course", "5": "ipsrt-why", "5.1": "ipsrt-why", "5.2": "ipsrt-course",
    "5.3": "srm-scoring", "5.4": "rhythm-plan", "5.5": "medication", "5.6": "prodromes",
    "6": "risk", "6.1": "risk", "6.2": "plan", "6.3": "plan", "6.4": "alert",
    "7": "instruments", "7.1": "phq9", "7.2": "hrsd", "7.2a": "hrsd", "7.2b": "hrsd",
    "7.3": "instruments", "8": "groups", "8.1": "groups", "8.2": "groups", "8.3": "groups",
    "9": "ips-principles", "9.1": "ips-principles", "9.2": "ips-fidelity", "9.3": "ips-kpis",
    "10": "x-open", "11": "course",
}
# §10 item N: the conflicts between sources.
CONFLICTS = {1: "x-areas", 2: "x-sessions", 3: "x-recurrence", 4: "x-hrsd", 5: "x-grief", 6: "x-ips", 7: "x-groups", 8: "x-open"}
# §11 rule N: the short list of modelling rules.
RULES = {
    1: "contract", 2: "course-machine", 3: "guard", 4: "taxonomies", 5: "stages", 6: "termination",
    7: "evaluation", 8: "maintenance", 9: "course-machine", 10: "taxonomies", 11: "life-events",
    12: "inventory", 13: "ipsrt-course", 14: "srm-scoring", 15: "rhythm-plan", 16: "ipsrt-why",
    17: "plan", 18: "risk", 19: "phq9", 20: "item9", 21: "hrsd", 22: "instruments", 23: "alert",
    24: "groups", 25: "ips-fidelity", 26: "ips-kpis",
}
# Sections whose design values have their own entry in docs/decisions.md.
DESIGN = {"6.4": "d-alert", "5.4": "d-rhythm", "8.3": "d-groups", "3.4": "d-life-events"}
# --- the SRM notes -------------------------------------------------------------------------
SRM = {
    "1": "srm-forms", "1.1": "srm-forms", "1.2": "srm-forms", "1.3": "srm-forms",
    "2": "srm-scoring", "2.1": "srm-scoring", "2.2": "srm-scoring", "2.3": "srm-options",
    "2.4": "srm-midnight", "3": "srm-golden", "3.1": "srm-golden", "3.2": "srm-golden",
    "3.3": "srm-golden", "4": "srm-regularity", "4.1": "srm-regularity", "4.2": "srm-regularity",
    "4.3": "srm-regularity", "4.4": "srm-regularity", "4.5": "srm-regularity", "6": "srm-regularity",
}

NOTE_FILES = r"clinical|srm|peers|engineering|care-record|anchors"
SIGN = r"(?:§|\\u00a7)"
NUM = r"\d+(?:\.\d+)*[a-z]?"
QUAL = r"(?:\s+(?:steps?|rules?|items?|points?|rows?)\s+\d+(?:\s*(?:[–-]|,|\band\b|&)\s*\d+(?![.\d]))*)?"
ONE = rf"{SIGN}\s?{NUM}{QUAL}"
MORE = rf"(?:(?:\s*(?:,|/|&|-|–|\band\b)\s*)(?:{SIGN}\s?{NUM}|\d+\.\d+[a-z]?){QUAL}(?![\d]))*"
SECS = rf"{ONE}{MORE}"
FILE = rf"`?(?:shared/spec/|(?<![/\w.-]))(?P<file>{NOTE_FILES})\.md`?"
CITE = re.compile(
    rf"(?P<all>"
    rf"(?:\bissue \d+ {SECS}\s*;\s*)?"
    rf"(?:"
    rf"(?:(?:[Tt]he\s+)?[Ss]pec(?:'s)?\s+)?{FILE}(?:\s+(?P<s1>{SECS}))?"
    rf"|(?:(?P<pre>clinical|srm)\s+spec(?:'s)?\s+)(?P<s2>{SECS})"
    rf"|(?:(?:[Tt]he\s+)?[Ss]pec(?:'s)?\s+)(?P<s3>{SECS})"
    rf"|(?P<s4>{SECS})"
    rf"))"
)
ISSUE = re.compile(rf"\bissue \d+ {SECS}")
# "issue 2 §1–8; " before a citation: issues are not shipped either; the docs page says it all.
ISSUE_PREFIX = re.compile(r"\bissue \d+ §\d+(?:\s*[–-]\s*\d+)?;\s*")
ITEM = re.compile(rf"(?:{SIGN}\s?)?(?P<num>{NUM})(?P<qual>{QUAL})")
DESIGN_HINT = re.compile(r"design\(|Evidence::Design|\[design|\bdesign\b|ipsrt-design")


def default_notes(path: str) -> str:
    """Which notes a bare "§x" refers to in this file."""
    p = path.lower()
    return "srm" if ("srm" in p or "benchmarks" in p) else "clinical"


def targets_for(notes: str, secs: str, line: str, path: str) -> list[str]:
    out: list[str] = []
    design = bool(DESIGN_HINT.search(line))
    for m in ITEM.finditer(secs):
        num, qual = m.group("num"), m.group("qual").strip()
        nums = [int(x) for x in re.findall(r"\d+", qual)] if qual else []
        if "–" in qual or "-" in qual:
            nums = list(range(nums[0], nums[-1] + 1)) if len(nums) == 2 else nums
        major = num.split(".")[0]
        if notes == "clinical" and major in ("10", "11") and (nums or "." in num):
            table, fallback = (RULES, "course") if major == "11" else (CONFLICTS, "x-open")
            for n in nums or [int(num.split(".")[1])]:
                t = table.get(n, fallback)
                if t not in out:
                    out.append(t)
            continue
        qn = nums[0] if nums else None
        t = None
        if notes == "srm":
            t = SRM.get(num) or SRM.get(major)
        elif notes == "peers":
            t = "missing" if qn == 2 and "row" in qual else "d-peers"
        elif notes == "engineering":
            t = "python-build"
        elif notes == "clinical":
            if True:
                t = CLINICAL.get(num) or CLINICAL.get(num.rstrip("abcdefgh")) or CLINICAL.get(major)
                if design and num in DESIGN:
                    t = DESIGN[num]
                t = refine(t, num, line, path)
        if t and t not in out:
            out.append(t)
    return out


def refine(t: str | None, num: str, line: str, path: str) -> str | None:
    """Narrows a section's target using the file or the line (ASRM vs YMRS, life chart ...)."""
    p = path.lower()
    if num == "7.3" or (num == "7" and t == "instruments"):
        if "asrm" in p or "ALTMAN" in line or "ASRM" in line:
            return "asrm"
        if "ymrs" in p or "YOUNG" in line or "YMRS" in line:
            return "ymrs"
    if num == "5.2":
        if "life_chart" in p:
            return "life-chart"
        if "stabilisation" in p or "criterion" in line:
            return "stabilisation"
    if num == "6.1" and ("episode" in p or "recovery" in line):
        return "episode"
    if num == "6.4" and ("113" in line or "crisis contacts" in line):
        return "d-crisis"
    return t


def render(keys: list[str], path: str, heading: bool = False) -> str:
    is_doc = path.endswith(".md")
    folder = os.path.dirname(path)
    parts = []
    for k in keys:
        page, anchor, title = T[k]
        full = f"docs/{page}" + (f"#{anchor}" if anchor else "")
        if not is_doc:
            parts.append(full)
            continue
        if path == f"docs/{page}":
            if anchor is None or heading:
                continue
            href = f"#{anchor}"
        else:
            href = os.path.relpath(f"docs/{page}", folder or ".") + (f"#{anchor}" if anchor else "")
        parts.append(f"[{title}]({href})")
    return ", ".join(parts)


# Only around a citation that was dropped (a page citing itself): "(spec §2.3)" -> "",
# "[KSW-2001; spec §7.1]" -> "[KSW-2001]". Code elsewhere on the line is never touched.
GONE = "\x00"
CLEANUPS = [
    (re.compile(r"\s*\(\s*\x00\s*\)"), ""),
    (re.compile(r"\(\s*\x00\s*[:;,]\s*"), "("),
    (re.compile(r"\s*[;,]\s*\x00\s*\)"), ")"),
    (re.compile(r"\[\s*\x00\s*[;,]\s*"), "["),
    (re.compile(r"\s*[;,]\s*\x00\s*\]"), "]"),
    (re.compile(r",\s*\x00"), ""),
    (re.compile(r"\x00\s*,\s*"), ""),
    (re.compile(r"\x00"), ""),
]


# Phrases that credit "the spec" without a section: the notes do not ship, so say whose choice
# or rule it is instead. Keyed on whole phrases; none of the replacements contains a key.
PHRASES = [
    ("The spec's default thresholds", "The library's default thresholds"),
    ("the spec's default thresholds", "the library's default thresholds"),
    ("the spec's recommended default", "the recommended default"),
    ("with the spec's default and its", "with the library's default and its"),
    ("the spec's default and its source", "the library's default and its source"),
    ("The spec's 1.5.", "The default 1.5."),
    ("The spec unwraps", "ipsrt unwraps"),
    ("the spec's `μ", "the formula `μ"),
    ("The spec's formula", "The unwrap formula"),
    ("the spec's formula", "the unwrap formula"),
    ("As the spec says (", "As documented ("),
    ("as the spec says (", "as documented ("),
    ("as the spec does,", "as ipsrt does,"),
    ("is the spec's suggestion [design", "is this library's proposal [design"),
    ("written from the spec;", "written from the published scoring rules (docs/measures.md);"),
    ("written from the spec\n", "written from the published scoring rules\n"),
    ("the spec's \"do not score if more than 2 items are missing\"", "the common \"do not score if more than 2 items are missing\""),
    ("— spec suggests ≤ 15–30 min (design)", "— the small end of ≤ 15–30 min ([design](decisions.md#rhythm-plan))"),
    ("`ipsrt::inventory::Person`, spec", "`ipsrt::inventory::Person`, see"),
]


def rewrite_line(line: str, path: str, context: str = "") -> str:
    """Rewrites the citations of one line; `context` holds the neighbouring lines that tell
    whether the value is a design choice (`"ipsrt-design",` above, `Evidence::Design` below)."""
    def repl(m: re.Match) -> str:
        whole = m.group("all")
        secs = m.group("s1") or m.group("s2") or m.group("s3") or m.group("s4")
        notes = m.group("file") or m.group("pre") or default_notes(path)
        if m.group("file") and not secs:
            if m.group("file") == "srm" and "spec" not in whole:
                return whole  # docs/srm.md ships: a bare srm.md is that page
            # A notes file named without a section: the page that covers it.
            fallback = {"srm": "srm-scoring", "peers": "d-peers", "engineering": "python-build"}
            return render([fallback.get(notes, "sources")], path)
        keys = targets_for(notes, secs, line + " " + context, path)
        if ISSUE.match(whole) and "course" not in keys and default_notes(path) == "clinical":
            keys.insert(0, "course")
        if not keys:
            return whole
        return render(keys, path, heading=line.lstrip().startswith("#") and path.endswith(".md")) or GONE

    for old, rep in PHRASES:
        line = line.replace(old, rep)
    new = CITE.sub(repl, ISSUE_PREFIX.sub("", line))
    if GONE in new:
        for rx, rep in CLEANUPS:
            new = rx.sub(rep, new)
    return new


def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout
        return [f for f in out.splitlines() if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for root, dirs, names in os.walk("."):
            dirs[:] = [d for d in dirs if d not in ("target", ".git", "node_modules", ".tools") and not d.startswith(".venv")]
            files += [os.path.relpath(os.path.join(root, n), ".") for n in names]
        return files


def selftest() -> None:
    """Examples of what the rewriter does (run with --selftest)."""
    cases = [
        ("crates/ipsrt/src/measures/phq9.rs", '"item 9; spec clinical.md §7.1 and §11 rule 20"',
         '"item 9; docs/measures.md#phq-9-ksw-2001, docs/measures.md#flags-are-computed-from-raw-answers-whatever-the-policy"'),
        ("crates/ipsrt/src/relapse/thresholds.rs", 'design("spec §6.4: the 4-week mean")',
         'design("docs/decisions.md#alert-levels: the 4-week mean")'),
        ("crates/ipsrt/src/group/format.rs", "/// rules (clinical spec §10 point 7).",
         "/// rules (docs/decisions.md#disagree-group-types)."),
        ("crates/ipsrt/src/srm/kernel.rs", "//! The exact kernel (spec §2.2 steps 2–7), shared",
         "//! The exact kernel (docs/srm.md#scoring), shared"),
        ("test-vectors/ips/kpis.json", '"source": "clinical spec \\u00a79.3 (Bond)"',
         '"source": "docs/ips.md#kpis (Bond)"'),
        ("docs/course.md", "requires, in this order (spec §2.3, §11.3): diagnosis",
         "requires, in this order ([the initial-phase guard](#the-initial-phase-guard-and-the-focus)): diagnosis"),
        ("docs/relapse.md", "[KSW-2001; spec §6.4]", "[KSW-2001; [alert levels](#alert-levels)]"),
        ("docs/course.md", "the contract (spec §2)", "the contract"),
        ("bindings/python/Cargo.toml", "# keep linking (engineering.md §1).", "# keep linking (docs/decisions.md#python-build)."),
        ("docs/README.md", "| [srm.md](srm.md) | the SRM |", "| [srm.md](srm.md) | the SRM |"),
        ("README.md", "[docs/srm.md](docs/srm.md)", "[docs/srm.md](docs/srm.md)"),
        ("crates/ipsrt/src/x.rs", "let v = f().into(); // (spec §6.4)", "let v = f().into(); // (docs/relapse.md#alert-levels)"),
    ]
    for path, line, want in cases:
        got = rewrite_line(line, path)
        assert got == want, f"{path}: {line!r}\n  got  {got!r}\n  want {want!r}"
        assert rewrite_line(got, path) == got, f"not idempotent: {got!r}"
    for key, (page, anchor, _) in T.items():
        assert os.path.isfile(f"docs/{page}"), f"target {key}: docs/{page} does not exist"
    print(f"selftest: {len(cases)} cases ok")


def main() -> int:
    if "--selftest" in sys.argv[1:]:
        selftest()
        return 0
    check = "--check" in sys.argv[1:]
    total = 0
    for path in sorted(tracked_files()):
        if path.startswith(SKIP_PREFIXES) or not path.endswith(TEXT_EXT) or not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
        except UnicodeDecodeError:
            continue
        if "§" not in text and "\\u00a7" not in text and "spec" not in text and not re.search(rf"\b(?:{NOTE_FILES})\.md", text):
            continue
        lines = text.split("\n")
        changed = 0
        for i, line in enumerate(lines):
            above = lines[i - 1] if i > 0 else ""
            below = lines[i + 1] if i + 1 < len(lines) else ""
            context = ("ipsrt-design" if '"ipsrt-design"' in above or "design(" in above else "") + (
                " Evidence::Design" if "Evidence::Design" in below or '"design"' in below else "")
            new = rewrite_line(line, path, context)
            if new != line:
                lines[i] = new
                changed += 1
                if check or "-v" in sys.argv[1:]:
                    print(f"  {path}:{i + 1}: {new.strip()[:160]}")
        if changed:
            total += changed
            print(f"{path}: {changed} line(s) {'would change' if check else 'rewritten'}")
            if not check:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write("\n".join(lines))
    print(f"{total} line(s) {'would change' if check else 'rewritten'}")
    return 1 if (check and total) else 0


if __name__ == "__main__":
    sys.exit(main())
