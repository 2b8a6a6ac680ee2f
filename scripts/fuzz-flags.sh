# libFuzzer flags per fuzz target, shared by scripts/test-fuzz.sh (CI smoke) and
# scripts/dev/fuzz-soak.sh (long runs), so both count the same inputs as crashes.
#
# -timeout: one input running longer than this many seconds is a crash (a quadratic reader on
#   an 8 MiB input takes minutes; a linear one well under a second in a release build and a few
#   seconds in the smoke's --dev build).
# -rss_limit_mb (and libFuzzer's malloc limit, which defaults to it): a reader that holds many
#   copies of its input is a crash.
# -max_len: the largest input the fuzzer tries. 64 KiB for the targets that read raw text or
#   bytes; long_input's inputs are templates that `expand` (fuzz/src/lib.rs) blows up to 8 MiB,
#   so short templates are what it needs.
fuzz_flags() {
  case "$1" in
    long_input) echo "-timeout=${FUZZ_TIMEOUT:-30} -rss_limit_mb=1024 -max_len=4096" ;;
    *) echo "-timeout=${FUZZ_TIMEOUT:-30} -rss_limit_mb=1024 -max_len=65536" ;;
  esac
}
