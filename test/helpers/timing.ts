/**
 * Timing for the tests that bound a pathological input's time, and the fuzzer's linearity checks: the best of a
 * few runs, so that noise on a shared machine (GC, neighbours) does not fail them.
 */
export function bestMs(fn: () => unknown, runs = 2): number {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}
