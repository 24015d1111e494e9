import * as assert from 'assert';
import { EditorSettingsStore } from '../../server/src/session/editorSettingsStore';

describe('session/editorSettingsStore', () => {
  it('asks per document and keeps the answer until the settings change', async () => {
    const asked: string[] = [];
    const store = new EditorSettingsStore(async (uri) => { asked.push(uri); return { failUnder: 42 }; }, () => undefined);
    assert.strictEqual((await store.forUri('file:///a.py')).coverage.failUnder, 42);
    await store.forUri('file:///a.py');
    assert.deepStrictEqual(asked, ['file:///a.py']);
    store.changed(undefined);
    await store.forUri('file:///a.py');
    assert.deepStrictEqual(asked, ['file:///a.py', 'file:///a.py']);
  });

  it('falls back to the pushed settings when the editor does not answer, or the pull throws', async () => {
    const silent = new EditorSettingsStore(() => new Promise(() => undefined), () => undefined, 10);
    silent.changed({ failUnder: 7 });
    assert.strictEqual((await silent.forUri('file:///a.py')).coverage.failUnder, 7);
    const throwing = new EditorSettingsStore(() => { throw new Error('Channel has been closed'); }, () => undefined, 10);
    throwing.changed({ failUnder: 9 });
    assert.strictEqual((await throwing.forUri('file:///a.py')).coverage.failUnder, 9);
  });

  it('stops asking a client that leaves its requests unanswered, and asks again once answers come', async () => {
    const pending: Array<(value: unknown) => void> = [];
    const store = new EditorSettingsStore(() => new Promise((resolve) => pending.push(resolve)), () => undefined, 5);
    store.changed({ failUnder: 3 });
    for (let i = 0; i < 1000; i++) assert.strictEqual((await store.forUri(`file:///m${i}.py`)).coverage.failUnder, 3);
    assert.ok(pending.length > 0 && pending.length <= 32, `${pending.length} requests left pending`);
    const before = pending.length;
    pending[0]({ failUnder: 60 }); // a late answer: one request fewer outstanding
    await new Promise((resolve) => setImmediate(resolve));
    const late = store.forUri('file:///late.py');
    assert.strictEqual(pending.length, before + 1, 'asked again');
    pending[before]({ failUnder: 60 });
    assert.strictEqual((await late).coverage.failUnder, 60);
  });
});
