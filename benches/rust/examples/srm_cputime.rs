//! Single-thread SRM batch throughput measured in **CPU time of the scoring thread** (from
//! `/proc/thread-self/schedstat`), which stays meaningful on a loaded shared machine where
//! criterion's wall-clock figures are inflated by waiting for a core.
//!
//! Run: `cargo run --release -p ipsrt-benches --example srm_cputime -- [weeks] [reps] [chunk] [i16|f64]`.
//! `weeks` are scored as passes over a generated chunk of at most `chunk` weeks (default
//! 1 000 000), so 10 M SRM-17 weeks need only ~240 MB of input. The last argument picks the
//! input element type (default `i16`; `f64` scores the same diaries with NaN for no occurrence).

use std::time::Instant;

use ipsrt::srm::FormKind;
use ipsrt::srm::batch::{BatchOutput, BatchSpec, Minute, score_batch};
use ipsrt_benches::generate;

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Best CPU and wall seconds over `reps` passes of `weeks` weeks.
fn measure<T: Minute>(data: &[T], spec: &BatchSpec, weeks: usize, chunk: usize, reps: usize) -> (f64, f64, usize) {
    let items = spec.items;
    let mut score = vec![0.0; chunk];
    let (mut h, mut c, mut a) = (vec![0u32; chunk], vec![0u32; chunk], vec![0u32; chunk]);
    let mut best_cpu = f64::INFINITY;
    let mut best_wall = f64::INFINITY;
    for _ in 0..reps {
        let (t0, w0) = (cpu_ns(), Instant::now());
        let mut left = weeks;
        while left > 0 {
            let n = left.min(chunk);
            let out = BatchOutput::new(&mut score[..n], &mut h[..n], &mut c[..n], &mut a[..n]);
            score_batch(std::hint::black_box(&data[..n * 7 * items]), spec, out).expect("valid input");
            left -= n;
        }
        let wall = w0.elapsed().as_secs_f64();
        if let (Some(t0), Some(t1)) = (t0, cpu_ns()) {
            best_cpu = best_cpu.min((t1 - t0) as f64 / 1e9);
        }
        best_wall = best_wall.min(wall);
    }
    (best_cpu, best_wall, score.iter().filter(|s| !s.is_nan()).count())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let weeks: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let reps: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let chunk: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(1_000_000).min(weeks).max(1);
    let as_f64 = args.get(4).is_some_and(|a| a == "f64");
    let ty = if as_f64 { "f64" } else { "i16" };
    for (name, form) in [("SRM-5", FormKind::Srm5), ("SRM-17", FormKind::Srm17)] {
        let items = form.items().len();
        let data = generate(chunk, items, 7);
        let spec = BatchSpec::for_form(form).with_threads(ipsrt::srm::Threads::Count(std::num::NonZeroUsize::MIN));
        let (best_cpu, best_wall, scorable) = if as_f64 {
            let data: Vec<f64> = data.iter().map(|&v| if v < 0 { f64::NAN } else { f64::from(v) }).collect();
            measure(&data, &spec, weeks, chunk, reps)
        } else {
            measure(&data, &spec, weeks, chunk, reps)
        };
        println!(
            "{name} ({ty}): {weeks} weeks, best of {reps}: {:.2} M weeks/s per CPU-second ({:.1} ns/week), wall {:.2} M weeks/s; {scorable} scorable",
            weeks as f64 / best_cpu / 1e6,
            best_cpu * 1e9 / weeks as f64,
            weeks as f64 / best_wall / 1e6
        );
    }
}
