//! The bad-input catalogue's `srm_csv_file` rows (test-vectors/bad-input/catalogue.json): whole
//! diary CSV files through `ipsrt srm score`, and its `measure_csv_file` rows through
//! `ipsrt measure series` / `ipsrt measure score --input`, checked like every catalogue row (the
//! error, the listed phrases, and a phrase that says what to do). The core's catalogue test
//! skips them.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bytes_of(input: &Value) -> Vec<u8> {
    let mut out = match (input.get("hex"), input.get("text")) {
        (Some(h), _) => {
            let h = h.as_str().unwrap();
            (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
        }
        (None, Some(t)) => t.as_str().unwrap().as_bytes().to_vec(),
        _ => panic!("srm_csv_file input needs hex or text: {input}"),
    };
    if let Some(r) = input.get("repeat") {
        let (unit, n) = (r[0].as_str().unwrap(), r[1].as_u64().unwrap() as usize);
        out.extend(unit.as_bytes().repeat(n));
        out.push(b'\n');
    }
    out
}

#[test]
fn every_csv_file_row_fails_as_documented() {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("test-vectors/bad-input/catalogue.json")).unwrap())
            .unwrap();
    let actionable: Vec<&str> = doc["actionable"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let dir = std::env::temp_dir().join(format!("ipsrt-bad-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (i, case) in doc["cases"].as_array().unwrap().iter().enumerate() {
        let measure = case["call"] == "measure_csv_file";
        if case["call"] != "srm_csv_file" && !measure {
            continue;
        }
        ran += 1;
        let name = case["name"].as_str().unwrap();
        let path = dir.join(format!("case{i}.csv"));
        std::fs::write(&path, bytes_of(&case["input"])).unwrap();
        let mut args = if measure {
            let command = case["input"]["command"].as_str().unwrap().to_owned();
            vec!["measure".to_owned(), command, "--input".to_owned(), path.to_str().unwrap().to_owned()]
        } else {
            vec!["srm".to_owned(), "score".to_owned(), path.to_str().unwrap().to_owned()]
        };
        if let Some(extra) = case["input"].get("args") {
            args.extend(extra.as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()));
        }
        let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        match (out.status.code(), case["expected"].get("error")) {
            (Some(0), None) => {}
            (code, None) => failures.push(format!("{name}: expected acceptance, got exit {code:?}: {err}")),
            (Some(2), Some(_)) => {
                for phrase in case["expected"]["says"].as_array().unwrap() {
                    if !err.contains(phrase.as_str().unwrap()) {
                        failures.push(format!("{name}: message lacks {phrase}: {err}"));
                    }
                }
                if !actionable.iter().any(|p| err.contains(p)) {
                    failures.push(format!("{name}: message does not say what to do: {err}"));
                }
                if err.len() > 2_000 {
                    failures.push(format!("{name}: message of {} bytes", err.len()));
                }
                if !out.stdout.is_empty() {
                    failures.push(format!("{name}: a failed run wrote {} bytes to stdout", out.stdout.len()));
                }
            }
            (code, Some(_)) => failures.push(format!("{name}: exit {code:?} (expected 2): {err}")),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran >= 10, "only {ran} srm_csv_file rows");
    assert!(failures.is_empty(), "{} rows fail:\n{}", failures.len(), failures.join("\n"));
}
