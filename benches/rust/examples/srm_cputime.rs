//! Single-thread SRM batch throughput measured in **CPU time of the scoring thread** (from
//! `/proc/thread-self/schedstat`), which stays meaningful on a loaded shared machine where
//! criterion's wall-clock figures are inflated by waiting for a core.
//!
//! Run: `cargo run --release -p ipsrt-benches --example srm_cputime -- [weeks] [reps]`.

use std::time::Instant;

use ipsrt::srm::FormKind;
use ipsrt::srm::batch::{BatchOutput, BatchSpec, NONE_I16, score_batch};

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn generate(weeks: usize, items: usize, seed: u64) -> Vec<i16> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base: Vec<i32> = (0..items).map(|i| ((420 + i * 1000 / items.max(1)) % 1440) as i32).collect();
    let mut out = vec![NONE_I16; weeks * 7 * items];
    for w in 0..weeks {
        let shift = (next() % 121) as i32 - 60;
        for d in 0..7 {
            for (i, b) in base.iter().enumerate() {
                let r = next();
                if r % 10 == 0 {
                    continue;
                }
                let jitter = if r % 23 == 0 { ((r >> 8) % 481) as i32 - 240 } else { ((r >> 8) % 121) as i32 - 60 };
                out[(w * 7 + d) * items + i] = (b + shift + jitter).rem_euclid(1440) as i16;
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let weeks: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let reps: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    for (name, form) in [("SRM-5", FormKind::Srm5), ("SRM-17", FormKind::Srm17)] {
        let items = form.items().len();
        let data = generate(weeks, items, 7);
        let spec = BatchSpec::for_form(form).with_threads(ipsrt::srm::Threads::Count(std::num::NonZeroUsize::MIN));
        let mut score = vec![0.0; weeks];
        let (mut h, mut c, mut a) = (vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
        let mut best_cpu = f64::INFINITY;
        let mut best_wall = f64::INFINITY;
        for _ in 0..reps {
            let (t0, w0) = (cpu_ns(), Instant::now());
            let out = BatchOutput::new(&mut score, &mut h, &mut c, &mut a);
            score_batch(std::hint::black_box(&data), &spec, out).expect("valid input");
            let wall = w0.elapsed().as_secs_f64();
            if let (Some(t0), Some(t1)) = (t0, cpu_ns()) {
                best_cpu = best_cpu.min((t1 - t0) as f64 / 1e9);
            }
            best_wall = best_wall.min(wall);
        }
        let scorable = score.iter().filter(|s| !s.is_nan()).count();
        println!(
            "{name}: {weeks} weeks, best of {reps}: {:.2} M weeks/s per CPU-second ({:.1} ns/week), wall {:.2} M weeks/s; {scorable} scorable",
            weeks as f64 / best_cpu / 1e6,
            best_cpu * 1e9 / weeks as f64,
            weeks as f64 / best_wall / 1e6
        );
    }
}
