//! SRM batch scoring throughput (weeks/s) for SRM-5 and SRM-17, single-threaded and parallel,
//! at 1 K, 100 K and 10 M weeks; and the kernels side by side (`srm_kernel_*` groups): the
//! baseline kernel (`Simd::Baseline`) against the one dispatched for this CPU (`Simd::Auto`,
//! AVX2 where present), one thread, 1 M weeks, in the same run; `srm_kernel_cpu_*` measures the
//! same in CPU time of the benchmark thread (meaningful when other jobs share the cores).
//!
//! Run: `cargo bench -p ipsrt-benches --bench srm`. Set `SRM_BENCH_MAX_WEEKS` to cap the
//! largest size (default 10 000 000). The 10 M-week SRM-17 input is 1.19 G values; it is
//! generated once per element type in chunks of `SRM_BENCH_CHUNK` weeks and scored chunk by
//! chunk, so peak memory is bounded by the chunk (see docs/benchmarks.md).

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::Duration;

use cpu_time::ThreadTime;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ipsrt::srm::batch::{BatchOutput, BatchSpec, Simd, Threads, score_batch};
use ipsrt_benches::generate;

fn bench(c: &mut Criterion) {
    // Under `cargo test --all-targets` (no `--bench` flag) each benchmark runs once as a smoke
    // test: keep it small there.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let default_max = if benchmarking { 10_000_000 } else { 1_000 };
    let max_weeks: usize =
        std::env::var("SRM_BENCH_MAX_WEEKS").ok().and_then(|v| v.parse().ok()).unwrap_or(default_max);
    let chunk: usize = std::env::var("SRM_BENCH_CHUNK").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (name, items) in [("srm5", 5usize), ("srm17", 17usize)] {
        let mut group = c.benchmark_group(format!("srm_batch_{name}"));
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
        for weeks in [1_000usize, 100_000, 10_000_000] {
            if weeks > max_weeks {
                continue;
            }
            let gen_weeks = weeks.min(chunk);
            let data = generate(gen_weeks, items, 42);
            let mut score = vec![0.0; gen_weeks];
            let (mut hits, mut counted, mut ali) =
                (vec![0u32; gen_weeks], vec![0u32; gen_weeks], vec![0u32; gen_weeks]);
            group.throughput(Throughput::Elements(weeks as u64));
            for (label, threads) in [("1_thread", 1usize), ("all_cores", cores)] {
                let spec = BatchSpec::for_form(if items == 5 {
                    ipsrt::srm::FormKind::Srm5
                } else {
                    ipsrt::srm::FormKind::Srm17
                })
                .with_threads(Threads::Count(NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN)));
                group.bench_function(BenchmarkId::new(label, weeks), |b| {
                    b.iter(|| {
                        // Score `weeks` weeks as repeated passes over the generated chunk.
                        let mut left = weeks;
                        while left > 0 {
                            let n = left.min(gen_weeks);
                            let out =
                                BatchOutput::new(&mut score[..n], &mut hits[..n], &mut counted[..n], &mut ali[..n]);
                            score_batch(black_box(&data[..n * 7 * items]), &spec, out).unwrap();
                            left -= n;
                        }
                        black_box(&score);
                    })
                });
            }
        }
        group.finish();
    }
}

/// Baseline and dispatched kernels on the same data, one thread, in one run (the ratio of the
/// two medians is the speed-up of runtime dispatch on this CPU). Set `SRM_KERNEL_WEEKS` to
/// change the batch size (default 1 000 000; 1 000 outside `--bench`).
fn kernels<M: Measurement>(c: &mut Criterion<M>, prefix: &str) {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let weeks: usize = std::env::var("SRM_KERNEL_WEEKS").ok().and_then(|v| v.parse().ok()).unwrap_or(if benchmarking {
        1_000_000
    } else {
        1_000
    });
    for (name, form) in [("srm5", ipsrt::srm::FormKind::Srm5), ("srm17", ipsrt::srm::FormKind::Srm17)] {
        let base = BatchSpec::for_form(form).with_threads(Threads::Count(NonZeroUsize::MIN));
        let items = base.items;
        let data = generate(weeks, items, 42);
        let mut score = vec![0.0; weeks];
        let (mut hits, mut counted, mut ali) = (vec![0u32; weeks], vec![0u32; weeks], vec![0u32; weeks]);
        let mut group = c.benchmark_group(format!("{prefix}_{name}"));
        group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(4));
        group.throughput(Throughput::Elements(weeks as u64));
        for simd in [Simd::Baseline, Simd::Auto] {
            let spec = base.clone().with_simd(simd);
            // The id names the kernel that actually runs (e.g. `avx2-16` for `Simd::Auto`).
            let id = format!("{}/{}", if simd == Simd::Auto { "dispatched" } else { "baseline" }, simd.kernel().name());
            group.bench_function(BenchmarkId::new(id, weeks), |b| {
                b.iter(|| {
                    let out = BatchOutput::new(&mut score, &mut hits, &mut counted, &mut ali);
                    score_batch(black_box(&data[..]), &spec, out).unwrap();
                    black_box(&score);
                })
            });
        }
        group.finish();
    }
}

fn kernels_wall(c: &mut Criterion) {
    kernels(c, "srm_kernel");
}

fn kernels_cpu(c: &mut Criterion<ThreadCpu>) {
    kernels(c, "srm_kernel_cpu");
}

/// CPU time of the benchmark thread (`CLOCK_THREAD_CPUTIME_ID`) as a criterion measurement:
/// time spent waiting for a core on a loaded machine does not count. Formatted like wall time.
struct ThreadCpu;

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = ThreadTime;
    type Value = Duration;
    fn start(&self) -> ThreadTime {
        ThreadTime::now()
    }
    fn end(&self, started: ThreadTime) -> Duration {
        started.elapsed()
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

criterion_group!(benches, bench, kernels_wall);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = kernels_cpu
}
criterion_main!(benches, cpu);
