//! Shared helpers for the benchmarks in `benches/` (criterion benches and the CPU-time
//! example): the synthetic SRM diary generator, so every figure is measured on the same data.

use ipsrt::srm::batch::NONE_I16;

/// Deterministic synthetic diaries in the batch layout `(weeks, 7, items)` (`i16`, −1 = no
/// occurrence): per item a habitual time, a weekly shift of ±60 min, daily jitter of ±60 min
/// (1 value in 23 jitters ±4 h), ~10 % missing values; the late items cross midnight. The
/// jitter makes trimming and misses common, so the kernels' slow paths run often.
pub fn generate(weeks: usize, items: usize, seed: u64) -> Vec<i16> {
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
                if let Some(slot) = out.get_mut((w * 7 + d) * items + i) {
                    *slot = (b + shift + jitter).rem_euclid(1440) as i16;
                }
            }
        }
    }
    out
}
