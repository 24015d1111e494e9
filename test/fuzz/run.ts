/**
 * `npm run fuzz` entry point.
 *
 *   node out/test/fuzz/run.js [--seconds N] [--seed S] [--scale full|ci] [--no-linearity] [--case I] [--crash-dir D]
 *
 * The seed comes from --seed, else $DOCBITS_FUZZ_SEED, else the clock; it is printed first. The case loop
 * runs in a worker thread watched by this thread: a case that makes no progress for --hang-seconds
 * (default 120) is a hang, recorded like any failure, and the loop resumes with the next case.
 * --case I runs only case I of the seed (to reproduce a failure). Exit code 1 on any failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { Corpus } from './corpus';
import { buildCase, defaultCrashDir, Fuzzer, FuzzOptions, Scale, Stats, summary } from './engine';

interface Args {
  seed: number;
  seconds: number;
  scale: Scale;
  linearity: boolean;
  single?: number;
  crashDir: string;
  hangSeconds: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seedText = get('--seed') ?? process.env.DOCBITS_FUZZ_SEED;
  const seed = seedText !== undefined ? Number(seedText) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  return {
    seed,
    seconds: Number(get('--seconds') ?? process.env.DOCBITS_FUZZ_SECONDS ?? 60),
    scale: (get('--scale') as Scale) ?? 'full',
    linearity: !argv.includes('--no-linearity'),
    single: get('--case') !== undefined ? Number(get('--case')) : undefined,
    crashDir: path.resolve(get('--crash-dir') ?? defaultCrashDir()),
    hangSeconds: Number(get('--hang-seconds') ?? 120),
  };
}

function revive(data: Stats): Stats {
  return Object.assign(new Stats(), data);
}

if (!isMainThread) {
  // Worker: the case loop.
  const { args, startCase, seconds } = workerData as { args: Args; startCase: number; seconds: number };
  let lastPost = 0;
  let fuzzer: Fuzzer | undefined = undefined;
  const options: FuzzOptions = {
    seed: args.seed, seconds, startCase, scale: args.scale, crashDir: args.crashDir, linearity: args.linearity,
    log: (line) => parentPort!.postMessage({ type: 'log', line }),
    onProgress: () => parentPort!.postMessage({ type: 'beat' }),
    onCase: (index) => {
      parentPort!.postMessage({ type: 'case', index });
      if (Date.now() - lastPost > 5000 && fuzzer) {
        lastPost = Date.now();
        parentPort!.postMessage({ type: 'stats', stats: fuzzer.stats });
      }
    },
  };
  fuzzer = new Fuzzer(Corpus.load(), options);
  const stats = fuzzer.run();
  parentPort!.postMessage({ type: 'done', stats });
} else {
  main();
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  console.log(`docbits fuzz: seed ${args.seed}, ${args.seconds} s, scale ${args.scale} (reproduce with --seed ${args.seed})`);
  const corpus = Corpus.load();
  console.log(`corpus: ${corpus.files.length} files`);
  if (args.single !== undefined) {
    const fuzzer = new Fuzzer(corpus, { seed: args.seed, seconds: 0, scale: args.scale, crashDir: args.crashDir, log: console.log, linearity: false });
    const { c } = buildCase(corpus, args.seed, args.single, args.scale);
    console.log(`case ${args.single}: ${c.kind} ${c.source}: ${c.input.note} (${c.input.text.length} chars)`);
    fuzzer.runCase(args.single);
    fuzzer.flushOracle();
    console.log(summary(fuzzer.stats, 0));
    process.exit(fuzzer.stats.failures.length ? 1 : 0);
  }
  const total = new Stats();
  const began = Date.now();
  const deadline = began + args.seconds * 1000;
  const launch = (startCase: number): void => {
    const seconds = Math.max(0, (deadline - Date.now()) / 1000);
    const worker = new Worker(__filename, { workerData: { args, startCase, seconds } });
    let current = startCase;
    let heartbeat = Date.now();
    let snapshot = new Stats();
    let finished = false;
    const timer = setInterval(() => {
      if (finished || Date.now() - heartbeat < args.hangSeconds * 1000) return;
      finished = true;
      clearInterval(timer);
      void worker.terminate();
      const { c } = buildCase(corpus, args.seed, current, args.scale);
      fs.mkdirSync(args.crashDir, { recursive: true });
      const file = path.join(args.crashDir, `hang-seed${args.seed}-case${current}.py`);
      fs.writeFileSync(file, c.input.bytes);
      console.log(`FAIL hang [seed ${args.seed} case ${current} ${c.kind}] no progress for ${args.hangSeconds} s: ${c.source}: ${c.input.note} -> ${file}`);
      snapshot.cases++;
      snapshot.failures.push({ target: 'linearity', check: 'hang', message: `case ${current} hung`, seed: args.seed, caseIndex: current, kind: c.kind, note: c.input.note, file });
      snapshot.signatures['hang'] = (snapshot.signatures['hang'] ?? 0) + 1;
      total.merge(snapshot);
      launch(current + 1); // past the deadline this runs no cases, only the linearity checks
    }, 2000);
    worker.on('message', (m: { type: string; index?: number; line?: string; stats?: Stats }) => {
      if (m.type === 'case') {
        current = m.index!;
        heartbeat = Date.now();
      } else if (m.type === 'beat') heartbeat = Date.now(); else if (m.type === 'log') console.log(m.line);
      else if (m.type === 'stats') snapshot = revive(m.stats!);
      else if (m.type === 'done') {
        finished = true;
        clearInterval(timer);
        total.merge(revive(m.stats!));
        finish(total);
      }
    });
    worker.on('error', (e) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      console.log(`FAIL worker crashed at case ${current}: ${e.stack ?? e}`);
      snapshot.failures.push({ target: 'linearity', check: 'worker-crash', message: String(e), seed: args.seed, caseIndex: current, kind: '', note: '' });
      total.merge(snapshot);
      if (Date.now() < deadline) launch(current + 1);
      else finish(total);
    });
  };
  const finish = (stats: Stats): void => {
    const seconds = (Date.now() - began) / 1000;
    console.log(summary(stats, seconds));
    if (stats.failures.length) {
      console.log(`failing inputs in ${args.crashDir}:`);
      for (const f of stats.failures) console.log(`  ${f.target}/${f.check} case ${f.caseIndex} ${f.file ?? ''}`);
    }
    process.exit(stats.failures.length ? 1 : 0);
  };
  launch(0);
}
