//! Resource bound of the streaming SRM CSV reader (`ipsrt srm score`): for a file sorted by
//! participant, peak memory does not grow with the number of rows. Measured on Linux from the
//! child's `VmHWM` (peak resident set) in `/proc`; skipped elsewhere.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const ITEMS: [&str; 5] = ["out_of_bed", "first_contact", "start_work", "dinner", "to_bed"];
const TIMES: [&str; 5] = ["07:00", "07:40", "09:00", "18:30", "23:10"];

fn write_csv(path: &Path, participants: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "participant,date,item,time,people,mood").unwrap();
    for p in 0..participants {
        for day in 0..14u32 {
            let date = format!("2026-01-{:02}", 5 + day);
            for (item, time) in ITEMS.iter().zip(TIMES) {
                writeln!(f, "P{p:06},{date},{item},{time},1,0").unwrap();
            }
        }
    }
}

/// Runs `ipsrt srm score FILE` and returns the child's peak resident set in KiB.
fn peak_rss_kib(file: &Path) -> Option<u64> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipsrt"))
        .args(["srm", "score"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
            && let Some(kib) = line.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok())
        {
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "ipsrt srm score failed on {}", file.display());
            return peak;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn memory_does_not_grow_with_the_number_of_rows() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc");
        return;
    }
    let dir = std::env::temp_dir().join(format!("ipsrt-csv-bounds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (small, large) = (dir.join("small.csv"), dir.join("large.csv"));
    write_csv(&small, 100); // 7 000 rows
    write_csv(&large, 3_000); // 210 000 rows, ~8 MB
    let large_bytes = std::fs::metadata(&large).unwrap().len();
    let (Some(a), Some(b)) = (peak_rss_kib(&small), peak_rss_kib(&large)) else {
        eprintln!("skipped: the child exited before /proc could be read");
        return;
    };
    std::fs::remove_dir_all(&dir).ok();
    eprintln!("peak RSS: {a} KiB for 7 000 rows, {b} KiB for 210 000 rows ({large_bytes} bytes)");
    // 30 times the rows; a reader that buffered the file would grow by at least its size.
    assert!(b < a + large_bytes / 1024 / 2, "peak RSS grew from {a} KiB to {b} KiB: the reader does not stream");
}
