//! `--locale` and the locale from the environment: labels and messages in English or Dutch;
//! JSON output keeps its machine codes in every locale.

use std::process::Command;

/// Runs `ipsrt` with `LC_ALL`, `LC_MESSAGES` and `LANG` set as given (unset when `None`).
fn ipsrt_env(args: &[&str], env: [Option<&str>; 3]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ipsrt"));
    for (name, value) in ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().zip(env) {
        match value {
            Some(v) => cmd.env(name, v),
            None => cmd.env_remove(name),
        };
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ipsrt(args: &[&str]) -> (i32, String, String) {
    ipsrt_env(args, [None, None, None])
}

const PHQ9_10: [&str; 6] = ["measure", "score", "phq9", "--answers", "2,2,1,1,1,1,1,1,0", "--band"];

#[test]
fn band_name_in_dutch_with_locale_nl() {
    let args = [&PHQ9_10[..], &["--locale", "nl"]].concat();
    let (code, out, _) = ipsrt(&args);
    assert_eq!(code, 0);
    assert!(out.contains("band (kroenke_2001): Matig 10–14"), "{out}");
    assert!(out.contains("totaal: 10  (volledig)"), "{out}");
    assert!(out.contains("vlag other_depressive_syndrome: aanwezig"), "{out}");
    // The option is global: it may come before the subcommand too.
    let (_, before, _) = ipsrt(&[&["--locale", "nl"][..], &PHQ9_10[..]].concat());
    assert_eq!(before, out);
}

#[test]
fn english_by_default_and_with_locale_en() {
    let (_, out, _) = ipsrt(&PHQ9_10);
    assert!(out.contains("band (kroenke_2001): Moderate 10–14"), "{out}");
    assert!(out.contains("total: 10  (complete)"), "{out}");
    let (_, en, _) = ipsrt_env(&[&PHQ9_10[..], &["--locale", "en"]].concat(), [None, None, Some("nl_NL.UTF-8")]);
    assert_eq!(en, out);
}

#[test]
fn locale_from_the_environment_in_posix_order() {
    let (_, out, _) = ipsrt_env(&PHQ9_10, [None, None, Some("nl_BE.UTF-8")]);
    assert!(out.contains("Matig 10–14"), "LANG=nl_BE: {out}");
    let (_, out, _) = ipsrt_env(&PHQ9_10, [None, Some("nl_NL"), Some("en_US.UTF-8")]);
    assert!(out.contains("Matig 10–14"), "LC_MESSAGES before LANG: {out}");
    let (_, out, _) = ipsrt_env(&PHQ9_10, [Some("C"), None, Some("nl_NL.UTF-8")]);
    assert!(out.contains("Moderate 10–14"), "LC_ALL=C wins: {out}");
    let (_, out, _) = ipsrt_env(&PHQ9_10, [None, None, Some("de_DE.UTF-8")]);
    assert!(out.contains("Moderate 10–14"), "an unsupported language falls back to English: {out}");
}

#[test]
fn safety_lines_in_dutch_still_come_first() {
    let (code, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--locale", "nl"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("!! VEILIGHEID VEILIGHEIDSBEOORDELING: item 9 (phq9_9) beantwoord met 2"), "{out}");
    let (_, out, _) = ipsrt(&["measure", "score", "phq9", "--answers", "0,0,0", "--locale", "nl"]);
    assert!(out.starts_with("!! veiligheidsitem phq9_9 is niet beantwoord"), "{out}");
}

#[test]
fn json_keeps_machine_codes_in_every_locale() {
    let json = [&PHQ9_10[..], &["--format", "json"]].concat();
    let (_, en, _) = ipsrt(&[&json[..], &["--locale", "en"]].concat());
    let (_, nl, _) = ipsrt(&[&json[..], &["--locale", "nl"]].concat());
    assert_eq!(en, nl);
    assert!(nl.contains("\"moderate\""), "{nl}");
}

#[test]
fn error_headline_in_dutch_detail_in_english() {
    let (code, _, err) = ipsrt(&["measure", "score", "phq9", "--answers", "9", "--locale", "nl"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("ipsrt: ongeldige invoer of verkeerd gebruik: answer 9 to item \"phq9_1\""), "{err}");
    let (code, _, err) = ipsrt(&["measure", "score", "phq9", "--answers", "9"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("ipsrt: answer 9 to item \"phq9_1\""), "{err}");
}

#[test]
fn an_unknown_locale_is_refused_with_the_choices() {
    let (code, _, err) = ipsrt(&[&PHQ9_10[..], &["--locale", "de"]].concat());
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'de'") && err.contains("en, nl"), "{err}");
}

#[test]
fn course_and_plan_labels_in_dutch() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
    let (code, out, _) = ipsrt(&["course", "replay", &format!("{root}course_role_dispute.json"), "--locale", "nl"]);
    assert_eq!(code, 0, "{out}");
    let (_, en, _) = ipsrt(&["course", "replay", &format!("{root}course_role_dispute.json")]);
    assert_ne!(out, en);
    let (code, out, _) = ipsrt(&[
        "plan",
        "evaluate",
        &format!("{root}plan.json"),
        &format!("{root}observations.json"),
        "--locale",
        "nl",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Huidig") || out.contains("Current level: "), "{out}");
    assert!(["Groen", "Opletten", "Vroege signalen", "Ontregeling", "Crisis"].iter().any(|l| out.contains(l)), "{out}");
}
