/** The server's warm-up (session/warmUp.ts): it runs the editor's paths on the samples, publishes nothing, and yields. */
import * as assert from 'assert';
import * as checksModule from '../../server/src/docstrings/checks';
import * as structureModule from '../../server/src/python/structure';
import { DocbitsSession, sessionOptions } from '../../server/src/session/session';
import { QUIET_MS, warmUp } from '../../server/src/session/warmUp';

/** Counts the calls of a module's function while `run` runs. */
async function counting<M extends object, K extends keyof M>(module: M, name: K, run: () => Promise<void>): Promise<number> {
  const original = module[name] as (...args: unknown[]) => unknown;
  let calls = 0;
  (module as Record<K, unknown>)[name] = (...args: unknown[]) => {
    calls++;
    return original(...args);
  };
  try {
    await run();
  } finally {
    (module as Record<K, unknown>)[name] = original;
  }
  return calls;
}

describe('session warm-up', () => {
  it('parses the samples in slices that let the event loop run', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    try {
      const parses = await counting(structureModule, 'parseStructure', () => warmUp({ busy: () => false }));
      assert.ok(parses >= 12, `${parses} parses`);
      assert.ok(ticks > 0, 'the event loop ran during the warm-up');
    } finally {
      clearInterval(ticker);
    }
  });

  it('waits while the server is busy, and goes on once it is quiet', async () => {
    let busy = true;
    let whileBusy = -1;
    let parses = 0;
    const original = structureModule.parseStructure;
    (structureModule as { parseStructure: typeof original }).parseStructure = (text) => {
      parses++;
      return original(text);
    };
    try {
      const warming = warmUp({ busy: () => busy });
      await new Promise((resolve) => setTimeout(resolve, 3 * QUIET_MS));
      whileBusy = parses;
      busy = false;
      await warming;
    } finally {
      (structureModule as { parseStructure: typeof original }).parseStructure = original;
    }
    assert.strictEqual(whileBusy, 0);
    assert.ok(parses >= 12, `${parses} parses once quiet`);
  });

  it('with quality options, warms the docstring checks', async () => {
    const options = { ...checksModule.DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    const checks = await counting(checksModule, 'checkDocstringsAgain', () => warmUp({ busy: () => false, quality: options }));
    assert.ok(checks >= 12, `${checks} checks`);
  });

  it('publishes and logs nothing, and waits for an opened document to be checked', async () => {
    const published: string[] = [];
    const logs: string[] = [];
    const session = new DocbitsSession({
      publishDiagnostics: (uri) => published.push(uri),
      log: (_level, message) => logs.push(message),
    }, sessionOptions([], { debounceMs: 0 }));
    const text = 'def f():\n    pass\n';
    let parsesBeforePublish = 0;
    const parses = await counting(structureModule, 'parseStructure', async () => {
      const warming = session.warmUp();
      session.open('untitled:a', 1, text);
      await new Promise((resolve) => setTimeout(resolve, 0));
      parsesBeforePublish = published.length === 1 ? 0 : -1;
      await warming;
    });
    assert.deepStrictEqual([published, parsesBeforePublish], [['untitled:a'], 0]);
    assert.ok(parses >= 12, `the warm-up ran after the document: ${parses} parses`);
    assert.deepStrictEqual(logs, []);
  });
});
