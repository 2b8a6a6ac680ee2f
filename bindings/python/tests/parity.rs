//! Parity manifest check (the Rust half): `bindings/python/parity.json` must list exactly the
//! core's public functions and methods, enumerated from `crates/ipsrt/src` with the same rules
//! as `tools/core_api.py`. The Python half (`tests/test_parity.py`) checks each mapping exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn ident(s: &str) -> String {
    s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

fn core_api(src: &Path) -> BTreeSet<String> {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    let mut keys = BTreeSet::new();
    for path in files {
        let rel = path.strip_prefix(src).unwrap().with_extension("");
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .filter(|p| p != "mod" && p != "lib")
            .collect();
        let module = if parts.is_empty() { "crate".to_owned() } else { parts.join("::") };
        let mut current: Option<String> = None;
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            if let Some(rest) = line.strip_prefix("impl")
                && (rest.starts_with(' ') || rest.starts_with('<'))
            {
                let after_generics =
                    if rest.starts_with('<') { rest.find('>').map_or("", |i| &rest[i + 1..]) } else { rest };
                let name = ident(after_generics.trim_start());
                current = if line.contains(" for ") || name.is_empty() { None } else { Some(name) };
                continue;
            }
            if line.starts_with('}') {
                current = None;
                continue;
            }
            if let Some(rest) = line.strip_prefix("pub fn ") {
                keys.insert(format!("{module}::{}", ident(rest)));
                continue;
            }
            if let (Some(rest), Some(t)) = (line.strip_prefix("    pub fn "), &current) {
                keys.insert(format!("{module}::{t}::{}", ident(rest)));
            }
        }
    }
    keys
}

#[test]
fn manifest_lists_exactly_the_core_api() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core = core_api(&here.join("../../crates/ipsrt/src"));
    assert!(core.len() > 300, "the scan found only {} capabilities", core.len());
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(here.join("parity.json")).unwrap()).unwrap();
    let listed: BTreeSet<String> = manifest["capabilities"].as_object().unwrap().keys().cloned().collect();
    let missing: Vec<_> = core.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&core).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "parity.json is out of date (run `python bindings/python/tools/core_api.py --update`):\n  not listed: {missing:?}\n  no longer in the core: {stale:?}"
    );
}
