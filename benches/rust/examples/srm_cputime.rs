//! Single-thread SRM batch throughput measured in **CPU time of the scoring thread** (from
//! `/proc/thread-self/schedstat`), which stays meaningful on a loaded shared machine where
//! criterion's wall-clock figures are inflated by waiting for a core.
//!
//! Run: `cargo run --release -p ipsrt-benches --example srm_cputime -- [weeks] [reps] [chunk] [i16|f64]`.
//! `weeks` are scored as passes over a generated chunk of at most `chunk` weeks (default
//! 1 000 000), so 10 M SRM-17 weeks need only ~240 MB of input. The last argument picks the
//! input element type (default `i16`; `f64` scores the same diaries with NaN for no occurrence).
//! Each form is measured with the baseline kernel (`Simd::Baseline`) and the kernel dispatched
//! for this CPU (`Simd::Auto`), alternating pass by pass so both see the same machine load.

use std::time::Instant;

use ipsrt::srm::FormKind;
use ipsrt::srm::batch::{BatchOutput, BatchSpec, Minute, Simd, score_batch};
use ipsrt_benches::generate;

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Best CPU and wall seconds over `reps` passes of `weeks` weeks, per spec (the specs take
/// turns, pass by pass), and the scorable weeks of the last pass.
fn measure<T: Minute>(
    data: &[T],
    specs: &[BatchSpec],
    weeks: usize,
    chunk: usize,
    reps: usize,
) -> Vec<(f64, f64, usize)> {
    let mut score = vec![0.0; chunk];
    let (mut h, mut c, mut a) = (vec![0u32; chunk], vec![0u32; chunk], vec![0u32; chunk]);
    let mut best = vec![(f64::INFINITY, f64::INFINITY, 0); specs.len()];
    for _ in 0..reps {
        for (spec, best) in specs.iter().zip(best.iter_mut()) {
            let items = spec.items;
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
                best.0 = best.0.min((t1 - t0) as f64 / 1e9);
            }
            best.1 = best.1.min(wall);
            best.2 = score.iter().filter(|s| !s.is_nan()).count();
        }
    }
    best
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
        let specs = [spec.clone().with_simd(Simd::Baseline), spec.with_simd(Simd::Auto)];
        let results = if as_f64 {
            let data: Vec<f64> = data.iter().map(|&v| if v < 0 { f64::NAN } else { f64::from(v) }).collect();
            measure(&data, &specs, weeks, chunk, reps)
        } else {
            measure(&data, &specs, weeks, chunk, reps)
        };
        for (spec, (best_cpu, best_wall, scorable)) in specs.iter().zip(&results) {
            println!(
                "{name} ({ty}, {}): {weeks} weeks, best of {reps}: {:.2} M weeks/s per CPU-second ({:.1} ns/week), wall {:.2} M weeks/s; {scorable} scorable",
                spec.simd.kernel().name(),
                weeks as f64 / best_cpu / 1e6,
                best_cpu * 1e9 / weeks as f64,
                weeks as f64 / best_wall / 1e6
            );
        }
        if let [(base, ..), (auto, ..)] = results[..] {
            println!("{name} ({ty}): dispatched / baseline = {:.2}× (CPU time)", base / auto);
        }
    }
}
