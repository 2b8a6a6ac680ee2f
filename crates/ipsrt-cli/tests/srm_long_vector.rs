//! `ipsrt srm score` on the shared long-format vector (`test-vectors/srm/long/`): the CSV it
//! writes is `expected.csv` byte for byte. The Python suite checks `score_frame`,
//! `score_dask` and `score_spark` against the same file, so all of them equal the CLI.

use std::path::PathBuf;
use std::process::Command;

fn vector(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/srm/long").join(name)
}

#[test]
fn the_cli_writes_the_expected_scores() {
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt"))
        .args(["srm", "score", "--progress", "always"])
        .arg(vector("diaries.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = std::fs::read_to_string(vector("expected.csv")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("820 rows scored: 12 participant(s), 28 participant-week(s)"), "{err}");
    // `--progress always` draws the bar on stderr even when it is not a terminal.
    assert!(err.contains("scoring ["), "{err}");
}
