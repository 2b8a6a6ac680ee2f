//! Every citation resolves to something that ships.
//!
//! (a) Every source id used anywhere — `Source::new("KEY"`, a protocol's `src("KEY"`, JSON
//!     `"source": {"key": "KEY"` / `"source_key": "KEY"` in test vectors, examples and docs,
//!     and `[KEY]` / `` `KEY-YEAR` `` in the docs — is an entry of `ipsrt::source::REFERENCES`
//!     (or `local`, the key `Source::local` gives a clinic's own values), and `docs/sources.md`
//!     lists exactly the bibliography.
//! (b) No tracked file outside `scripts/dev/`, `test-vectors/persist/` and `fuzz/regressions/`
//!     names a file that is not in the repository: every `*.md` token, and every path-like
//!     token under a top-level folder of the repository, resolves relative to the repository
//!     root or to the naming file's folder; every `page.md#anchor` names a heading (GitHub
//!     slug) or an `<a id="…">` of that page.
//!
//! Plain Rust, std only. Files are listed with `git ls-files` when git is available, else by
//! walking the tree (skipping `target/`, `.venv*`, `.tools/`, `node_modules/`, `.git/`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use ipsrt::source::REFERENCES;

/// Folders whose files are not checked: developer tools may name the notes they were written
/// from; frozen fixtures and fuzz inputs are bytes written by earlier versions and must not
/// change.
const SKIPPED: &[&str] = &["scripts/dev/", "test-vectors/persist/", "fuzz/regressions/", "fuzz/corpus/", "target/"];

/// Names that look like files but are not paths inside this repository, each with its reason.
const NOT_FILES: &[(&str, &str)] = &[
    // Cargo metadata `readme = "README.md"` of a crate that has none is resolved by cargo
    // relative to the crate; it is also the conventional name in prose ("the crate's README.md").
    ("README.md", "conventional name; checked where it has a folder"),
    // The changelog convention named in prose about releases.
    ("CHANGELOG.md", "conventional name for release notes"),
];

/// Top-level folders of the repository: a path-like token starting with one of these (any
/// extension) must exist.
const TOP: &[&str] =
    &["crates/", "docs/", "bindings/", "benches/", "test-vectors/", "examples/", "scripts/", "fuzz/", ".ci/"];

const TEXT_EXT: &[&str] =
    &["rs", "md", "json", "py", "pyi", "kt", "kts", "swift", "toml", "txt", "sh", "yml", "yaml", "csv", "h"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tracked_files(root: &Path) -> Vec<String> {
    if let Ok(out) = Command::new("git").arg("ls-files").current_dir(root).output()
        && out.status.success()
    {
        let list: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect();
        if !list.is_empty() {
            return list;
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if ["target", ".git", ".tools", "node_modules"].contains(&name.as_str()) || name.starts_with(".venv") {
                continue;
            }
            walk(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The checked text files with their contents.
fn text_files() -> Vec<(String, String)> {
    let root = root();
    let mut out = Vec::new();
    for f in tracked_files(&root) {
        if SKIPPED.iter().any(|s| f.starts_with(s)) {
            continue;
        }
        let ext = f.rsplit('.').next().unwrap_or("");
        if !TEXT_EXT.contains(&ext) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(root.join(&f)) {
            out.push((f, text));
        }
    }
    out
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Every quoted string that follows `marker` (e.g. `Source::new("`), up to the closing quote.
fn after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
        }
    }
    out
}

/// `"source": {"key": "X"` (any whitespace, also across lines) and `"source_key": "X"`.
fn json_keys(text: &str) -> Vec<String> {
    let compact: String = text.split_whitespace().collect();
    let mut keys: Vec<String> = after(&compact, "\"source\":{\"key\":\"").into_iter().map(str::to_owned).collect();
    keys.extend(after(&compact, "\"source_key\":\"").into_iter().map(str::to_owned));
    keys
}

/// Upper-case bibliography-looking keys: `KSW-2001`, `S2`, `NIMH-APA`, `IPSWORKS`.
fn looks_like_key(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && s.len() >= 2
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
}

/// `[KEY]`, `[KEY, locator]`, `[KEY; ...]` in Markdown (not link texts `[x](…)`), and
/// `` `AUTHOR-YEAR` `` code spans.
fn doc_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '[' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && is_key_char(bytes[j]) {
                j += 1;
            }
            if j > start && j < bytes.len() && matches!(bytes[j], ']' | ',' | ';') {
                let key: String = bytes[start..j].iter().collect();
                let is_link = bytes[j] == ']' && bytes.get(j + 1) == Some(&'(');
                if !is_link && looks_like_key(&key) {
                    out.push(key);
                }
            }
        } else if bytes[i] == '`' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && is_key_char(bytes[j]) {
                j += 1;
            }
            if j > start && bytes.get(j) == Some(&'`') {
                let key: String = bytes[start..j].iter().collect();
                let year = key.rsplit('-').next().unwrap_or("");
                if looks_like_key(&key) && year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
                    out.push(key);
                }
            }
        }
        i += 1;
    }
    out
}

#[test]
fn every_source_id_is_in_the_bibliography() {
    let known: BTreeSet<&str> = REFERENCES.iter().map(|r| r.key).chain(["local"]).collect();
    let mut unknown: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut seen = 0usize;
    for (path, text) in text_files() {
        if path == "crates/ipsrt/tests/citations.rs" {
            continue;
        }
        let mut keys: Vec<String> = Vec::new();
        if path.ends_with(".rs") {
            // Unit tests may build made-up keys on purpose (`Source::new("nope", …)`).
            let code = if path.contains("/src/") { text.split("#[cfg(test)]").next().unwrap_or("") } else { &text };
            keys.extend(after(code, "Source::new(\"").into_iter().map(str::to_owned));
            keys.extend(after(code, "Source::owned(\"").into_iter().map(str::to_owned));
            // Local `src(KEY, locator, evidence)` helpers; a helper whose first argument is the
            // locator (not a key) is told apart by the spaces in it.
            keys.extend(after(code, " src(\"").into_iter().filter(|k| !k.contains(' ')).map(str::to_owned));
        }
        if path.ends_with(".json") || path.ends_with(".md") || path.ends_with(".py") || path.ends_with(".kt") {
            keys.extend(json_keys(&text));
        }
        if path.ends_with(".md") && path != "docs/sources.md" {
            keys.extend(doc_keys(&text));
        }
        for k in keys {
            seen += 1;
            if !known.contains(k.as_str()) {
                unknown.entry(k).or_default().insert(path.clone());
            }
        }
    }
    assert!(seen > 100, "found only {seen} source ids: the patterns no longer match the code");
    assert!(
        unknown.is_empty(),
        "source ids that are not in ipsrt::source::REFERENCES (add the work to the bibliography, \
         then regenerate docs/sources.md):\n{unknown:#?}"
    );
}

#[test]
fn docs_sources_md_lists_exactly_the_bibliography() {
    let text = std::fs::read_to_string(root().join("docs/sources.md")).unwrap();
    let listed: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|k| REFERENCES.iter().any(|r| r.key == *k) || looks_like_key(k) || k.contains('-'))
        .filter(|k| !["seed", "verified", "checked", "manual_recalled", "design"].contains(k))
        .map(str::to_owned)
        .collect();
    let keys: BTreeSet<String> = REFERENCES.iter().map(|r| r.key.to_owned()).collect();
    assert_eq!(
        listed, keys,
        "docs/sources.md is stale: run `cargo run -q -p ipsrt-cli -- sources --json | python3 scripts/dev/gen_sources_md.py`"
    );
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown page: heading slugs (outside code fences) and `<a id="…">`.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        if let Some(h) = line.strip_prefix('#') {
            let h = h.trim_start_matches('#');
            if h.starts_with(' ') {
                out.insert(slug(h));
            }
        }
        for marker in ["<a id=\"", "<a name=\""] {
            for a in after(line, marker) {
                out.insert(a.to_owned());
            }
        }
    }
    out
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '#')
}

/// File-name-looking tokens: `name.md[#anchor]` anywhere, and `top/…/name.ext` under a
/// top-level folder of the repository.
fn file_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_path_char(chars[i]) || (i > 0 && is_path_char(chars[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_path_char(chars[i]) {
            i += 1;
        }
        // Glob or template patterns (`docs/*.md`, `docs/<area>.md`, `{x}.md`) are not names.
        let before = if start > 0 { chars[start - 1] } else { ' ' };
        let after_c = chars.get(i).copied().unwrap_or(' ');
        if matches!(before, '*' | '>' | '}' | '$' | '@' | ':' | '\\') || matches!(after_c, '*' | '<' | '{' | '$') {
            continue;
        }
        let token: String = chars[start..i].iter().collect();
        let token = token.trim_end_matches(['.', '#', '/']).to_owned();
        let (file, _) = token.split_once('#').unwrap_or((&token, ""));
        if file.contains("//") || file.starts_with('.') && !file.starts_with("./") && !file.starts_with("../") {
            continue;
        }
        let first = file.split('/').next().unwrap_or("");
        // A domain (`ipsrt.org/overview`, `github.com/x/README.md`) is not a repository path.
        if file.contains('/') && first.contains('.') && first != "." && first != ".." {
            continue;
        }
        let is_md = file.ends_with(".md") && file.len() > 3;
        let under_top =
            TOP.iter().any(|t| file.starts_with(t)) && file.rsplit('/').next().is_some_and(|n| n.contains('.'));
        if is_md || under_top {
            out.push(token);
        }
    }
    out
}

#[test]
fn every_named_file_and_docs_anchor_exists() {
    let root = root();
    let files = text_files();
    let mut anchor_cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut missing: Vec<String> = Vec::new();
    let mut checked = 0usize;
    for (path, text) in &files {
        // This file names made-up files on purpose (the helper test below).
        if path == "crates/ipsrt/tests/citations.rs" {
            continue;
        }
        let folder = Path::new(path).parent().map(Path::to_path_buf).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            for token in file_tokens(line) {
                let (file, anchor) = token.split_once('#').unwrap_or((&token, ""));
                if NOT_FILES.iter().any(|(name, _)| *name == file) {
                    continue;
                }
                checked += 1;
                // Relative to the repository root, the file's folder, or one of its ancestors
                // (`CARGO_MANIFEST_DIR`-relative paths in a crate's tests).
                let candidates: Vec<PathBuf> = std::iter::once(root.join(file))
                    .chain(folder.ancestors().map(|a| root.join(a).join(file)))
                    .collect();
                let Some(found) = candidates.iter().find(|p| p.is_file()) else {
                    missing.push(format!("{path}:{}: names `{file}`, which is not in the repository", n + 1));
                    continue;
                };
                if !anchor.is_empty() && file.ends_with(".md") {
                    let set = anchor_cache
                        .entry(found.clone())
                        .or_insert_with(|| anchors(&std::fs::read_to_string(found).unwrap_or_default()));
                    if !set.contains(anchor) {
                        missing.push(format!("{path}:{}: `{file}` has no anchor `#{anchor}`", n + 1));
                    }
                }
            }
            // Same-page links: `](#anchor)` in a Markdown page.
            if path.ends_with(".md") {
                let mut rest = line;
                while let Some(i) = rest.find("](#") {
                    rest = &rest[i + 3..];
                    let end = rest.find(')').unwrap_or(rest.len());
                    let anchor = &rest[..end];
                    let set = anchor_cache.entry(root.join(path)).or_insert_with(|| anchors(text));
                    checked += 1;
                    if !set.contains(anchor) {
                        missing.push(format!("{path}:{}: no anchor `#{anchor}` on this page", n + 1));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "checked only {checked} file names: the token pattern no longer matches");
    assert!(
        missing.is_empty(),
        "{} citation(s) name a file or anchor that does not ship (cite a docs/ page or a source id; \
         `python3 scripts/dev/fix_citations.py` rewrites the old design-note references):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn token_and_anchor_helpers() {
    assert_eq!(slug("5. The alert machine (`relapse::alert`)"), "5-the-alert-machine-relapsealert");
    assert_eq!(slug("PHQ-9 [KSW-2001]"), "phq-9-ksw-2001");
    let t = file_tokens(
        "see docs/relapse.md#alert-levels, `x.md`, https://a.org/b.md, docs/*.md and crates/ipsrt/src/lib.rs.",
    );
    assert_eq!(t, vec!["docs/relapse.md#alert-levels", "x.md", "crates/ipsrt/src/lib.rs"]);
    assert_eq!(
        doc_keys("[KSW-2001] [S2, seed] [text](x.md) `FRANK-2007` `phq9`"),
        vec!["KSW-2001", "S2", "FRANK-2007"]
    );
    assert_eq!(
        json_keys("{\"source\": {\n \"key\": \"S2\"}, \"source_key\": \"GITLIN-1995\"}"),
        vec!["S2", "GITLIN-1995"]
    );
}
