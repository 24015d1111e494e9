/** The server's warm-up (session/warmUp.ts): it runs the editor's paths on the samples, publishes nothing, and yields. */
import * as assert from 'assert';
import * as structureModule from '../../server/src/python/structure';
import { DocbitsSession, sessionOptions } from '../../server/src/session/session';
import { warmUp } from '../../server/src/session/warmUp';

describe('session warm-up', () => {
  it('parses the samples in slices that let the event loop run, and stops when told', async () => {
    const original = structureModule.parseStructure;
    let parses = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    (structureModule as { parseStructure: typeof original }).parseStructure = (text) => {
      parses++;
      return original(text);
    };
    try {
      await warmUp(() => false);
      const full = parses;
      assert.ok(full >= 12, `${full} parses`);
      assert.ok(ticks > 0, 'the event loop ran during the warm-up');
      parses = 0;
      let slices = 0;
      await warmUp(() => ++slices > 2);
      assert.ok(parses > 0 && parses < full, `stopped early: ${parses} of ${full} parses`);
    } finally {
      clearInterval(ticker);
      (structureModule as { parseStructure: typeof original }).parseStructure = original;
    }
  });

  it('publishes and logs nothing, and ends once a document is opened', async () => {
    const published: string[] = [];
    const logs: string[] = [];
    const session = new DocbitsSession({
      publishDiagnostics: (uri) => published.push(uri),
      log: (_level, message) => logs.push(message),
    }, sessionOptions([], { debounceMs: 0 }));
    const warming = session.warmUp();
    session.open('untitled:a', 1, 'def f():\n    pass\n');
    await warming;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepStrictEqual(published, ['untitled:a']);
    assert.deepStrictEqual(logs, []);
  });
});
