/**
 * V8 flags both edges set when they start (cli.ts, server.ts). Their work is over soon after V8 has optimised the
 * parser's and scanner's hot loops (a CLI run; a document the editor opens right after the server started), so
 * how soon TurboFan's code arrives matters more than how good it is: with a smaller inlining budget TurboFan
 * compiles them about twice as fast. A run over the stdlib takes ~15% less time; without loop peeling, 3-4% less
 * again (interleaved runs as scripts/bench.mjs makes them). In the server, the first 20,000-line module opened
 * right after `initialize` reached its diagnostics 0.42-0.49x as late, with 0.53x the process's CPU (compiler
 * threads included), and later opens were unchanged (README, Performance). The young generation grows to its
 * full size at the first growth instead of doubling step by step: 7 scavenges instead of 20 over the stdlib, ~2%
 * less time. Process-wide, so scan workers too.
 */
import * as v8 from 'v8';

const V8_FLAGS_FOR_SHORT_RUNS = '--max-inlined-bytecode-size-cumulative=120 --no-turbo-loop-peeling --semi-space-growth-factor=16';

/** Sets the flags; before any hot code runs. */
export function tuneJitForShortRuns(): void {
  v8.setFlagsFromString(V8_FLAGS_FOR_SHORT_RUNS);
}
