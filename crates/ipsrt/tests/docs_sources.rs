//! `docs/sources.md` must list every work in `ipsrt::source::REFERENCES`, so the
//! bibliography a developer reads is the one the code cites.

use std::path::Path;

#[test]
fn docs_sources_lists_every_reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/sources.md");
    let text = std::fs::read_to_string(&path).expect("docs/sources.md exists");
    let missing: Vec<&str> =
        ipsrt::source::REFERENCES.iter().map(|r| r.key).filter(|key| !text.contains(&format!("`{key}`"))).collect();
    assert!(missing.is_empty(), "docs/sources.md does not list these reference keys: {missing:?}");
}
