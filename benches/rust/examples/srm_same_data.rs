//! Single-thread SRM-5 batch wall time on **given** data, so the Python binding and the Rust
//! core can be compared on identical weeks (docs/python.md, "Against Rust").
//!
//! Run: `cargo run --release -p ipsrt-benches --example srm_same_data -- FILE [reps]`, where
//! FILE holds raw little-endian `i16` minutes of shape `(weeks, 7, 5)` with -1 for no
//! occurrence (NumPy: `arr.astype("<i2").tofile(FILE)`). Prints the best of `reps` passes,
//! with the per-item outputs (`habitual`, `item_hits`, as the Python binding fills them) and
//! without.

use std::time::Instant;

use ipsrt::srm::Threads;
use ipsrt::srm::batch::{BatchOutput, BatchSpec, score_batch};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: srm_same_data FILE [reps]")?;
    let reps: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let data: Vec<i16> = bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect();
    let items = 5;
    if data.is_empty() || !data.len().is_multiple_of(7 * items) {
        return Err(format!("{path}: {} values is not a whole number of SRM-5 weeks (35 values each)", data.len()));
    }
    let weeks = data.len() / (7 * items);
    let spec = BatchSpec::srm5().with_threads(Threads::Count(std::num::NonZeroUsize::MIN));
    let mut score = vec![0.0; weeks];
    let (mut h, mut c, mut a) = (vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
    let mut habitual = vec![0.0; weeks * items];
    let mut item_hits = vec![0u8; weeks * items];
    for with_items in [true, false] {
        let mut best = f64::INFINITY;
        for _ in 0..reps {
            let t0 = Instant::now();
            let out = BatchOutput::new(&mut score, &mut h, &mut c, &mut a);
            let out = if with_items { out.with_items(&mut habitual, &mut item_hits) } else { out };
            score_batch(std::hint::black_box(&data), &spec, out).map_err(|e| e.to_string())?;
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!(
            "rust, {weeks} SRM-5 weeks, 1 thread, {} per-item outputs: best of {reps} {:.3} ms ({:.2} M weeks/s)",
            if with_items { "with" } else { "without" },
            best * 1e3,
            weeks as f64 / best / 1e6
        );
    }
    Ok(())
}
