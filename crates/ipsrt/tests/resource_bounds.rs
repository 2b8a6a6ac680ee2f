//! Hostile input is bounded: an enormous JSON document is refused before it is parsed, a deeply
//! nested one is refused by the parser's recursion limit, and neither panics nor overflows the
//! stack, through every entry point (typed `from_json`, bytes, and `check_any`).

use std::time::Instant;

use ipsrt::ErrorKind;
use ipsrt::persist::{MAX_JSON_BYTES, PersistError, check_any, check_any_slice, from_json, from_json_slice};
use ipsrt::srm::{Diary, ScoringOptions};

fn padded(len: usize) -> String {
    let head = r#"{"schema":"ipsrt.srm_diary","version":1,"data":{},"pad":""#;
    let mut t = String::with_capacity(len);
    t.push_str(head);
    t.push_str(&" ".repeat(len - head.len() - 2));
    t.push_str("\"}");
    assert_eq!(t.len(), len);
    t
}

#[test]
fn a_document_over_the_limit_is_refused_before_parsing() {
    let big = padded(MAX_JSON_BYTES + 1);
    let started = Instant::now();
    for e in [
        from_json::<Diary>(&big).unwrap_err(),
        from_json_slice::<Diary>(big.as_bytes()).unwrap_err(),
        check_any(&big).unwrap_err(),
        check_any_slice(big.as_bytes()).unwrap_err(),
    ] {
        assert!(
            matches!(e, PersistError::TooLarge { size, limit, .. } if size == MAX_JSON_BYTES + 1 && limit == MAX_JSON_BYTES),
            "{e}"
        );
        assert_eq!(e.kind(), ErrorKind::Parse);
        assert!(e.to_string().contains("split it"), "{e}");
    }
    // Refusing is a length check, not a parse: far below a second even for 64 MiB.
    assert!(started.elapsed().as_secs() < 2, "refusal took {:?}", started.elapsed());
    // One byte less is read (and fails later for its content, not its size).
    let e = from_json::<Diary>(&padded(MAX_JSON_BYTES)).unwrap_err();
    assert!(!matches!(e, PersistError::TooLarge { .. }), "{e}");
}

#[test]
fn deep_nesting_is_refused_by_the_recursion_limit() {
    for depth in [129usize, 1_000, 100_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let doc = format!(
                "{{\"schema\":\"ipsrt.srm_scoring_options\",\"version\":1,\"data\":{}0{}}}",
                open.repeat(depth),
                close.repeat(depth)
            );
            for e in [from_json::<ScoringOptions>(&doc).unwrap_err(), check_any(&doc).unwrap_err()] {
                assert!(matches!(e, PersistError::Malformed { .. }), "depth {depth}: {e}");
                assert!(e.to_string().contains("recursion limit"), "depth {depth}: {e}");
            }
        }
    }
    // Nesting within the limit parses (and is then refused for its shape, not its depth).
    let doc = format!(
        "{{\"schema\":\"ipsrt.srm_scoring_options\",\"version\":1,\"data\":{}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    let e = from_json::<ScoringOptions>(&doc).unwrap_err();
    assert!(!e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn long_strings_and_many_keys_do_not_blow_up() {
    // 1 MiB of one string value and 100 000 unknown keys: refused or ignored, quickly.
    let long = format!(r#"{{"schema":"{}","version":1,"data":{{}}}}"#, "x".repeat(1 << 20));
    let e = check_any(&long).unwrap_err();
    assert!(matches!(e, PersistError::UnknownSchema { .. }));
    assert!(e.to_string().len() < 2_000, "the message quotes a clipped schema name");
    let keys: String = (0..100_000).map(|i| format!("\"k{i}\":{i},")).collect();
    let many = format!(r#"{{"schema":"ipsrt.srm_scoring_options","version":1,"data":{{{keys}"z":0}}}}"#);
    // Refused at the first unknown key (that it stays linear in the number of keys is shown by
    // the `linear` benchmark, not by a timed test).
    let e = from_json::<ScoringOptions>(&many).unwrap_err();
    assert!(e.to_string().contains("unknown field `k0`"), "{e}");
}
