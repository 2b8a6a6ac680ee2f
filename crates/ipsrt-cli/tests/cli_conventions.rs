//! Command-line conventions: completions, man pages, enumerated options listed in `--help`, exit
//! codes in `--help`, one `--format` option, `-` for standard input. Self-contained (no files
//! outside this crate), so it also runs from the published package.

use std::io::Write as _;
use std::process::{Command, Stdio};

fn ipsrt(args: &[&str]) -> (i32, String, String) {
    ipsrt_stdin(args, None)
}

fn ipsrt_stdin(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipsrt"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // A command that refuses its arguments exits without reading: ignore the closed pipe.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn completions_bash_prints_a_completion_script() {
    let (code, out, err) = ipsrt(&["completions", "bash"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("_ipsrt()") && out.contains("complete -F _ipsrt"), "{out}");
    // Subcommands and enumerated values are completed.
    assert!(out.contains("measure") && out.contains("srm_17") && out.contains("process_group"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = ipsrt(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("ipsrt"), "{shell}");
    }
    let (code, _, err) = ipsrt(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn man_writes_one_page_per_subcommand() {
    let dir = std::env::temp_dir().join(format!("ipsrt-man-test-{}", std::process::id()));
    let (code, out, err) = ipsrt(&["man", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("man pages"), "{out}");
    for page in
        ["ipsrt.1", "ipsrt-srm-score.1", "ipsrt-measure-score.1", "ipsrt-plan-evaluate.1", "ipsrt-completions.1"]
    {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    let score = std::fs::read_to_string(dir.join("ipsrt-measure-score.1")).unwrap();
    assert!(score.contains("phq9") && score.contains("fhir"), "the page documents the values");
    std::fs::remove_dir_all(&dir).unwrap();
    let (code, out, _) = ipsrt(&["man"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie") || out.contains(".TH ipsrt 1"), "{out}");
}

/// Every subcommand with an enumerated option, and the values its `--help` must list.
const ENUMERATED: &[(&[&str], &[&str])] = &[
    (&["sources"], &["text", "json"]),
    (&["course", "replay"], &["text", "json"]),
    (&["group", "replay"], &["text", "json"]),
    (&["group", "rules"], &["ipsrt_group", "process_group", "ipt_g"]),
    (&["ips", "fidelity"], &["text", "json"]),
    (&["ips", "kpis"], &["text", "json"]),
    (&["plan", "evaluate"], &["text", "json"]),
    (&["plan", "risk"], &["seed-s2", "literature", "bipolar", "population", "text", "json"]),
    (&["ipsrt", "plan"], &["text", "json"]),
    (&["ipsrt", "due"], &["text", "json"]),
    (&["measure", "score"], &["phq9", "hrsd17", "asrm", "ymrs", "daily_mood", "text", "json", "fhir"]),
    (&["measure", "show"], &["phq9", "hrsd17", "asrm", "ymrs", "daily_mood"]),
    (
        &["srm", "score"],
        &[
            "srm_5",
            "srm_17",
            "srm_ii_5",
            "sample",
            "population",
            "kept",
            "all",
            "blocks",
            "rolling",
            "first_diary_day",
            "monday",
            "sunday",
        ],
    ),
    (&["srm", "chart"], &["srm_5", "srm_17", "srm_ii_5", "sample", "population", "blocks", "rolling"]),
    (&["completions"], &["bash", "zsh", "fish", "powershell", "elvish"]),
];

#[test]
fn every_subcommand_help_lists_the_values_of_its_enumerated_options() {
    for (path, values) in ENUMERATED {
        let mut args = path.to_vec();
        args.push("--help");
        let (code, out, err) = ipsrt(&args);
        assert_eq!(code, 0, "{path:?}: {err}");
        assert!(out.contains("Possible values:") || out.contains("[possible values:"), "{path:?}: {out}");
        for v in *values {
            assert!(
                out.contains(&format!("- {v}:")) || out.contains(&format!(" {v},")) || out.contains(&format!(" {v}]")),
                "{path:?} --help does not list {v}:\n{out}"
            );
        }
    }
}

/// The subcommands `ipsrt <group> --help` lists, recursively.
fn subcommands(path: &[String]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let (_, out, _) = ipsrt(&args);
    let Some(list) = out.split("Commands:\n").nth(1) else { return vec![path.to_vec()] };
    let mut found = vec![path.to_vec()];
    for line in list.lines().take_while(|l| l.starts_with("  ")) {
        let name = line.split_whitespace().next().unwrap();
        if name == "help" {
            continue;
        }
        let mut child = path.to_vec();
        child.push(name.to_owned());
        found.extend(subcommands(&child));
    }
    found
}

#[test]
fn every_help_lists_the_exit_codes_and_every_value_enum_is_documented() {
    let all = subcommands(&[]);
    assert!(all.len() >= 25, "{all:?}");
    for path in &all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let (code, out, err) = ipsrt(&args);
        assert_eq!(code, 0, "{path:?}: {err}");
        assert!(out.contains("Exit codes:") && out.contains("  2  bad input"), "{path:?}: {out}");
        // No enumerated option is left as free text: every `--format` lists its values.
        if out.contains("--format <FORMAT>") {
            assert!(out.contains("Possible values:") || out.contains("[possible values:"), "{path:?}");
        }
        assert!(!out.contains("--json"), "{path:?}: --json is a hidden, deprecated alias");
    }
}

#[test]
fn format_json_and_the_deprecated_json_alias() {
    let (code, out, err) = ipsrt(&["measure", "score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.trim_start().starts_with('{') && err.is_empty(), "{out}{err}");
    let (code, alias, err) = ipsrt(&["measure", "score", "phq9", "--answers", "1,1,1,1,1,1,1,1,1", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(alias, out);
    assert!(err.contains("deprecated") && err.contains("--format json"), "{err}");
    let (code, _, err) = ipsrt(&["plan", "risk", "--episodes", "2", "--json", "--format", "text"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = ipsrt(&["plan", "risk", "--episodes", "2", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.trim_start().starts_with('['), "{out}");
    let (code, _, err) = ipsrt(&["sources", "--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("text") && err.contains("json"), "the error lists the values: {err}");
}

#[test]
fn dash_reads_standard_input() {
    let answers = r#"{"phq9_1": 1, "phq9_2": 0, "phq9_3": 0, "phq9_4": 0, "phq9_5": 0, "phq9_6": 0, "phq9_7": 0, "phq9_8": 0, "phq9_9": 0}"#;
    let (code, out, err) =
        ipsrt_stdin(&["measure", "score", "phq9", "--input", "-", "--format", "json"], Some(answers));
    assert_eq!(code, 0, "{err}");
    let (code, cmp, err) = ipsrt_stdin(&["measure", "compare", "-", "-"], Some(&out));
    assert_eq!(code, 2, "{cmp}");
    assert!(err.contains("standard input"), "{err}");
    // The text came from standard input: the error is about its content, not about a file "-".
    let other = r#"{"schema": "ipsrt.group", "version": 1, "data": {}}"#;
    let (code, _, err) = ipsrt_stdin(&["course", "replay", "-"], Some(other));
    assert_eq!(code, 2);
    assert!(err.contains("\"ipsrt.group\" JSON, not \"ipsrt.course\""), "{err}");
    let (code, _, err) = ipsrt_stdin(&["group", "replay", "-"], Some("not json"));
    assert_eq!(code, 2);
    assert!(!err.contains("No such file"), "{err}");
}
