//! `ipsrt measure score --input answers.csv`: a file of answer sets scored row by row to CSV,
//! and every ambiguity refused with the line, the column and the value (nothing written).

use std::path::Path;
use std::process::Command;

fn ipsrt(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn scores_mixed_instruments_with_safety_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "a.csv",
        "id,instrument,date,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\n\
         p1,phq9,2026-03-01,1,2,0,1,1,0,0,1,1,\n\
         p2,gad7,2026-03-01,1,1,1,1,1,1,1,,,\n\
         p3,phq9,2026-03-02,3,3,3,3,3,3,3,,1,\n\
         p4,epds,2026-03-02,0,0,0,0,0,0,0,0,0,1\n",
    );
    let (code, out, err) = ipsrt(&["measure", "score", "--input", &csv]);
    assert_eq!(code, 0, "{err}");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        head,
        [
            "id",
            "instrument",
            "date",
            "total",
            "status",
            "n_missing",
            "band",
            "band_label",
            "safety_level",
            "safety_items",
            "safety_unanswered",
            "flags"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][3], "7");
    assert_eq!(&rows[0][8], "safety_check");
    assert!(rows[0][11].contains("item9_positive=raised"));
    assert_eq!(&rows[1][6], "mild");
    // strict policy: no total, but the safety signal is still raised
    assert_eq!(&rows[2][3], "");
    assert_eq!(&rows[2][4], "incomplete");
    assert_eq!(&rows[2][8], "safety_check");
    assert_eq!(&rows[3][9], "epds_10");
    // a policy that allows a total
    let (_, out, _) = ipsrt(&["measure", "score", "--input", &csv, "--policy", "prorate:2"]);
    assert!(out.lines().nth(3).unwrap().starts_with("p3,phq9,2026-03-02,25,prorated,1,"), "{out}");
    // -o writes the file, all or nothing
    let target = dir.path().join("out.csv");
    let (code, out, _) = ipsrt(&["measure", "score", "--input", &csv, "-o", target.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 5);
}

#[test]
fn refuses_ambiguous_files_with_line_field_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 9] = [
        ("id,instrument,item1,item3\np1,gad7,1,1\n", &["line 1", "column 4", "\"item3\"", "expected item2"]),
        ("person,instrument,item1\np1,gad7,1\n", &["line 1", "not id,instrument"]),
        ("id,instrument,item1,item2\np1,gad7,1,x\n", &["line 2", "field item2", "\"x\"", "whole number"]),
        ("id,instrument,item1,item2\np1,gad7,1,1.5\n", &["line 2", "field item2", "\"1.5\""]),
        ("id,instrument,item1,item2\np1,gad7,1,4\n", &["line 2", "field item2", "answer 4", "0 to 3"]),
        ("id,instrument,item1,item2\np1,gad8,1,1\n", &["line 2", "field instrument", "gad8"]),
        (
            "id,instrument,item1,item2,item3,item4,item5,item6,item7,item8\np1,gad7,1,1,1,1,1,1,1,2\n",
            &["line 2", "field item8", "has 7 items"],
        ),
        ("id,instrument,item1\n,gad7,1\n", &["line 2", "field id", "empty"]),
        ("id,instrument,item1\n", &["no rows"]),
    ];
    for (i, (text, phrases)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("bad{i}.csv"), text);
        let target = dir.path().join(format!("out{i}.csv"));
        let (code, out, err) = ipsrt(&["measure", "score", "--input", &path, "-o", target.to_str().unwrap()]);
        assert_eq!(code, 2, "case {i}: {err}");
        assert!(out.is_empty());
        assert!(!target.exists(), "case {i} wrote a partial file");
        for p in *phrases {
            assert!(err.contains(p), "case {i}: {err:?} lacks {p:?}");
        }
    }
    // an instrument argument restricts the file
    let path = write(dir.path(), "one.csv", "id,instrument,item1\np1,phq9,1\n");
    let (code, _, err) = ipsrt(&["measure", "score", "gad7", "--input", &path]);
    assert_eq!(code, 2);
    assert!(err.contains("line 2, field instrument") && err.contains("scores gad7"), "{err}");
    let (code, _, err) = ipsrt(&["measure", "score", "--input", &path, "--format", "json"]);
    assert_eq!(code, 2);
    assert!(err.contains("scored to CSV"), "{err}");
}
