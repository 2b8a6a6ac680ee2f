"""Regenerates docs/sources.md from the bibliography.

Run from the repository root:
    cargo run -q -p ipsrt-cli -- sources --format json | python3 scripts/dev/gen_sources_md.py
"""

import json
import sys

refs = json.load(sys.stdin)
out = [
    "# Sources",
    "",
    "Every clinical rule and number in ipsrt carries a `Source` whose `key` is one of these",
    "works (`ipsrt::source::REFERENCES`; `ipsrt sources` prints the same list). The evidence tags",
    "say how sure a statement is:",
    "",
    "| tag | meaning |",
    "|---|---|",
    "| `seed` | stated in one of the five founding Dutch clinical documents (S0–S4) |",
    "| `verified` | read in the cited source |",
    "| `checked` | checked by running an existing implementation on the case |",
    "| `manual_recalled` | from a standard manual or secondary literature not read in full: likely, and configurable |",
    "| `design` | a design choice of this library, not a clinical rule; always configurable |",
    "",
    "| key | work |",
    "|---|---|",
]
out += [f"| `{r['key']}` | {r['citation']} |" for r in refs]
with open("docs/sources.md", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"docs/sources.md: {len(refs)} works")
