//! `ipsrt srm score` on diary CSVs as people export them (issue 13) and on hostile ones
//! (issue 17): every finding has a test here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn ipsrt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ipsrt")).args(args).output().unwrap()
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("ipsrt-srm-input-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A week of SRM-5 rows for one participant in the long format (`sep`-separated, with
/// People and Mood), with to_bed at `bed` every day.
fn week(who: &str, sep: &str, bed: &str) -> String {
    let mut s = String::new();
    for d in 5..12 {
        for (item, t) in [("out_of_bed", "7:00"), ("dinner", "18:30"), ("to_bed", bed)] {
            s += &[who, &format!("2026-01-{d:02}"), item, t, "1", "2"].join(sep);
            s += "\n";
        }
    }
    s
}

#[test]
fn dutch_excel_semicolons_and_capitalised_headers_are_read() {
    let text = format!("Participant;Date;Item;Time;People;Mood\n{}", week("P1", ";", "23:00"));
    let f = file("dutch.csv", text.as_bytes());
    let o = ipsrt(&["srm", "score", p(&f), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v[0]["score"].as_f64(), v[0]["hits"].as_u64()), (Some(7.0), Some(21)));
    // People and Mood are read, not silently ignored.
    assert_eq!(v[0]["summary"]["mood_days"], 7);
    assert_eq!(v[0]["summary"]["mood_mean"], 2.0);
    assert_eq!(v[0]["summary"]["people_by_item"][0]["coded"], 7);
    // Tabs, and a forced delimiter.
    let tabs = file(
        "tabs.tsv",
        format!("participant\tdate\titem\ttime\n{}", week("P1", "\t", "23:00")).replace("\t1\t2\n", "\n").as_bytes(),
    );
    assert!(ipsrt(&["srm", "score", p(&tabs)]).status.success());
    let forced = ipsrt(&["srm", "score", p(&f), "--delimiter", "comma"]);
    assert_eq!(forced.status.code(), Some(2));
    assert!(stderr(&forced).contains("--delimiter"), "{}", stderr(&forced));
}

#[test]
fn unknown_columns_are_listed_in_a_warning() {
    let f = file("extra.csv", b"participant,date,item,time,Peple,notes\nA,2026-01-05,to_bed,23:00,1,x\n");
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(e.contains("columns not read: \"Peple\", \"notes\""), "{e}");
    assert!(e.contains("1 rows scored"), "{e}");
}

#[test]
fn conflicting_duplicates_are_refused_or_chosen_and_listed() {
    let text =
        "participant,date,item,time\nA,2026-01-05,to_bed,23:03\nA,2026-01-05,to_bed,23:03\nA,2026-01-05,to_bed,18:30\n";
    let f = file("dup.csv", text.as_bytes());
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("line 4, field time") && e.contains("at line 2 (23:03)") && e.contains("18:30"), "{e}");
    assert!(o.stdout.is_empty());
    let o = ipsrt(&["srm", "score", p(&f), "--duplicates", "first", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let dropped = &v[0]["dropped_duplicates"];
    assert_eq!(dropped.as_array().unwrap().len(), 1, "identical rows count once: {dropped}");
    assert_eq!((dropped[0]["line"].as_u64(), dropped[0]["kept_line"].as_u64()), (Some(4), Some(2)));
    assert_eq!(dropped[0]["value"], "18:30");
    assert!(stderr(&o).contains("1 conflicting duplicate row(s) dropped"));
}

#[test]
fn a_failure_writes_no_output_file_and_nothing_on_stdout() {
    let mut text = String::from("participant,date,item,time\n");
    text += &week("A", ",", "23:00").replace(",1,2\n", "\n");
    text += &week("B", ",", "23:00").replace(",1,2\n", "\n");
    text += "C,2026-01-05,to_bed,25:00\n";
    let f = file("third.csv", text.as_bytes());
    for format in ["csv", "json", "ndjson"] {
        let out = dir().join(format!("out.{format}"));
        let o = ipsrt(&["srm", "score", p(&f), "--format", format, "-o", p(&out)]);
        assert_eq!(o.status.code(), Some(2));
        assert!(!out.exists(), "{format}: a failed run left {}", out.display());
        let o = ipsrt(&["srm", "score", p(&f), "--format", format]);
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty(), "{format}: stdout got {} bytes", o.stdout.len());
    }
    // No temporary file is left beside the output either.
    let left: Vec<_> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".ipsrt-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Success: the file is written whole and replaces an old one.
    let good = file(
        "good.csv",
        format!("participant,date,item,time\n{}", week("A", ",", "23:00").replace(",1,2\n", "\n")).as_bytes(),
    );
    let out = file("old.json", b"old");
    let o = ipsrt(&["srm", "score", p(&good), "--format", "json", "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    // The output file is not private to its owner (a temporary file would be 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fresh = dir().join("fresh.json");
        assert!(ipsrt(&["srm", "score", p(&good), "-o", p(&fresh)]).status.success());
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode & 0o044, 0, "mode {mode:o}");
    }
}

#[test]
fn date_sorted_input_is_refused_before_any_row_or_read_in_any_order() {
    let mut text = String::from("participant,date,item,time\n");
    for d in 5..12 {
        for who in ["A", "B"] {
            for (item, t) in [("out_of_bed", "07:00"), ("to_bed", "23:00")] {
                text += &format!("{who},2026-01-{d:02},{item},{t}\n");
            }
        }
    }
    let f = file("by_date.csv", text.as_bytes());
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "a wrong row was written: {}", String::from_utf8_lossy(&o.stdout));
    let e = stderr(&o);
    assert!(
        e.contains("line 6, field participant") && e.contains("ended at line 3") && e.contains("--order any"),
        "{e}"
    );
    let o = ipsrt(&["srm", "score", p(&f), "--order", "any"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.lines().skip(1).collect::<Vec<_>>(), ["A,2026-01-05,7,14,2,14,7", "B,2026-01-05,7,14,2,14,7"]);
}

#[test]
fn encodings_are_read_or_refused_with_the_fix() {
    let latin = file("latin1.csv", b"participant,date,item,time\nJos\xe9,2026-01-05,to_bed,23:00\n");
    let o = ipsrt(&["srm", "score", p(&latin)]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("windows-1252") && e.contains("--encoding latin1") && e.contains("line 2"), "{e}");
    let o = ipsrt(&["srm", "score", p(&latin), "--encoding", "latin1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout).unwrap().contains("José,2026-01-05"));
    // UTF-16 with a byte-order mark (Excel's "Unicode text", tab-separated) is decoded.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "participant\tdate\titem\ttime\r\nP1\t2026-01-05\tto_bed\t23:00\r\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let f = file("utf16.csv", &utf16);
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout).unwrap().contains("P1,2026-01-05"));
    // UTF-16 without a BOM: refused with the fix.
    let f = file("utf16-nobom.csv", &utf16[2..]);
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-16 without a byte-order mark"), "{}", stderr(&o));
    // UTF-8 with a BOM and CRLF, as today.
    let f = file("bom.csv", b"\xef\xbb\xbfparticipant,date,item,time\r\nA,2026-01-05,to_bed,23:00\r\n");
    assert!(ipsrt(&["srm", "score", p(&f)]).status.success());
}

#[test]
fn empty_and_header_only_files_say_0_rows_scored_and_fail() {
    for (name, bytes) in
        [("empty.csv", &b""[..]), ("header.csv", b"participant,date,item,time\n"), ("blank.csv", b"\n\n")]
    {
        let f = file(name, bytes);
        let o = ipsrt(&["srm", "score", p(&f)]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains("0 rows scored"), "{name}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{name}");
    }
}

#[test]
fn times_are_read_as_written_and_numbers_refused() {
    let f = file("times.csv", b"participant,date,item,time\nA,2026-01-05,to_bed,7:05\nA,2026-01-06,to_bed,07:05:00\nA,2026-01-07,to_bed,07:05\n");
    let o = ipsrt(&["srm", "score", p(&f), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["hits"], 3);
    let f = file("number.csv", b"participant,date,item,time\nA,2026-01-05,to_bed,705\n");
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 2, field time: \"705\" is a number, not a clock time"), "{}", stderr(&o));
    // Day-first dates only when asked.
    let f = file("dmy.csv", b"participant,date,item,time\nA,05/01/2026,to_bed,23:00\n");
    let o = ipsrt(&["srm", "score", p(&f)]);
    assert!(stderr(&o).contains("--date-format dmy"), "{}", stderr(&o));
    let o = ipsrt(&["srm", "score", p(&f), "--date-format", "dmy"]);
    assert!(String::from_utf8(o.stdout).unwrap().contains("A,2026-01-05"));
}

#[test]
fn a_10_mb_field_gives_a_short_message() {
    let mut text = b"participant,date,item,time\nA,2026-01-05,to_bed,".to_vec();
    text.extend(std::iter::repeat_n(b'7', 10_000_000));
    text.push(b'\n');
    let f = file("big-field.csv", &text);
    let o = ipsrt(&["srm", "score", p(&f)]);
    std::fs::remove_file(&f).ok();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.len() < 1_000, "message of {} bytes", e.len());
    assert!(e.contains("line 2, field \"time\"") && e.contains("limit of 1 MiB"), "{e}");
    // A field over the field limit inside a record under the record limit.
    let mut text = b"participant,date,item,time,notes\nA,2026-01-05,to_bed,23:00,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 100_000));
    text.push(b'\n');
    let f = file("big-note.csv", &text);
    let e = stderr(&ipsrt(&["srm", "score", p(&f)]));
    std::fs::remove_file(&f).ok();
    assert!(e.contains("field \"notes\"") && e.contains("64 KiB") && e.len() < 1_000, "{e}");
}

#[test]
fn a_two_million_column_header_is_refused_in_well_under_a_second() {
    let mut text = b"participant,date,item,time".to_vec();
    for i in 0..2_000_000 {
        text.extend(format!(",c{i}").as_bytes());
    }
    text.push(b'\n');
    let f = file("wide.csv", &text);
    let start = Instant::now();
    let o = ipsrt(&["srm", "score", p(&f)]);
    let took = start.elapsed();
    std::fs::remove_file(&f).ok();
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("more than 1024 columns"), "{e}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

/// A 300 MB line streamed into `ipsrt srm score /dev/stdin` is refused after the record limit
/// (1 MiB), with the child's peak RSS (Linux `VmHWM`) under 64 MiB.
#[test]
fn a_300_mb_line_is_refused_in_bounded_memory() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc");
        return;
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipsrt"))
        .args(["srm", "score", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 20];
        let _ = stdin.write_all(b"participant,date,item,time\nA,2026-01-05,to_bed,");
        for _ in 0..300 {
            if stdin.write_all(&chunk).is_err() {
                return; // the reader refused the line and exited
            }
        }
    });
    let status_path = format!("/proc/{pid}/status");
    let mut peak = 0u64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
            && let Some(kib) = line.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    writer.join().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("longer than the limit of 1 MiB") && err.len() < 1_000, "{err}");
    eprintln!("peak RSS {peak} KiB");
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB");
}
