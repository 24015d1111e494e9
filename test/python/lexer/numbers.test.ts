/** Number literals: where scanNumber ends one, against python3's tokenize. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { scanNumber } from '../../../server/src/python/lexer/numbers';

const LITERALS = [
  '0', '00', '0_0', '0777', '0_7', '00.5', '09.5', '0e0', '0j', '0x', '0xg', '0x_ff', '0xF_F', '0x__f', '0b', '0b102',
  '0B1_1', '0o', '0o78', '0O_7', '1', '1_000', '1__0', '1_', '10l', '1.', '.5', '1.5', '1.e5', '1.5e10', '1e', '1e+',
  '1e+5j', '1E-5', '1j', '1J', '1_0.0_1e1_0', '1.2.3', '1e5e5', '3.14_', '5_j', '1_e5', '.5j', '0.0_',
];

describe('lexer/numbers', function () {
  it("ends every number literal where python3's tokenize ends its first token", function () {
    const script = `
import io, json, sys, tokenize
out = []
for text in json.loads(sys.stdin.read()):
    first = next(t for t in tokenize.generate_tokens(io.StringIO(text + "\\n").readline))
    out.append(len(first.string) if first.type == tokenize.NUMBER else -1)
print(json.dumps(out))`;
    const lengths = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(LITERALS), encoding: 'utf8' })) as number[];
    const ours = LITERALS.map((text) => scanNumber(text + '\n', 0));
    assert.deepStrictEqual(Object.fromEntries(LITERALS.map((t, i) => [t, ours[i]])),
      Object.fromEntries(LITERALS.map((t, i) => [t, lengths[i]])));
  });
});
