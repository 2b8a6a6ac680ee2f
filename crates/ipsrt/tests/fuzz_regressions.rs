//! Runs every fuzz harness (`fuzz/src/lib.rs`) over the committed inputs in
//! `fuzz/regressions/<target>/`: seeds, minimised corpus entries and every crash the fuzzer
//! ever found. So the normal test suite replays what fuzzing learned, without cargo-fuzz.

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::collections::BTreeSet;
use std::path::PathBuf;

fn regressions() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions")
}

#[test]
fn every_committed_fuzz_input_passes_its_harness() {
    let mut total = 0;
    for (name, run) in harness::TARGETS {
        let dir = regressions().join(name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "fuzz target {name} has no committed inputs in {}", dir.display());
        for file in &files {
            let data = std::fs::read(file).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "fuzz regression {} panicked", file.display());
        }
        total += files.len();
    }
    assert!(total >= harness::TARGETS.len());
}

#[test]
fn every_regression_folder_has_a_target() {
    let targets: BTreeSet<&str> = harness::TARGETS.iter().map(|(n, _)| *n).collect();
    for entry in std::fs::read_dir(regressions()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(targets.contains(name.as_str()), "fuzz/regressions/{name} has no harness in fuzz/src/lib.rs");
    }
}

/// The SRM batch harness varies every scoring option. It used to build them from a partial
/// JSON object, which never parsed (the serde form needs every field), so every input was
/// scored with the default options.
#[test]
fn srm_batch_harness_varies_the_options() {
    let mut seen = BTreeSet::new();
    for first in 0..=255u8 {
        for trim in [0u8, 1, 2] {
            let data = [first, trim, 100, 3, 9];
            let o = harness::options_from(&mut harness::Bytes(&data));
            seen.insert(serde_json::to_string(&o).unwrap());
        }
    }
    assert!(seen.len() > 100, "only {} distinct option sets", seen.len());
}
