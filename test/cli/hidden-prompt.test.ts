// The prompt for a secure value: what is typed is never echoed; backspace edits; Ctrl-C gives no answer.

import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askHidden } from '../../src/cli/hidden-prompt.js';
import { secureParametersWithoutValue, secureVariable } from '../../src/deploy/parameters.js';
import { parseJsonSource } from '../../src/util/json-source.js';

function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode(on: boolean) { this.raw.push(on); } });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, shown: () => shown };
}

describe('hidden prompt', () => {
  it('reads the answer without echoing it, backspace included, and leaves raw mode', async () => {
    const t = terminal();
    const answer = askHidden('Secret: ', t);
    t.input.write('sx\u007fecr');
    t.input.write('et\r');
    assert.equal(await answer, 'secret');
    assert.equal(t.shown(), 'Secret: \n');
    assert.deepEqual(t.input.raw, [true, false]);
  });

  it('Ctrl-C or the end of input gives no answer', async () => {
    const a = terminal();
    const first = askHidden('Secret: ', a);
    a.input.write('abc\u0003');
    assert.equal(await first, undefined);
    const b = terminal();
    const second = askHidden('Secret: ', b);
    b.input.end();
    assert.equal(await second, undefined);
  });

  it('asks only for secure parameters that nothing else gives a value', () => {
    const template = { source: parseJsonSource(JSON.stringify({ parameters: { key: { type: 'securestring' }, other: { type: 'secureString' }, withDefault: { type: 'securestring', defaultValue: 'x' }, plain: { type: 'string' } } })), display: 'mainTemplate.json' };
    assert.deepEqual(secureParametersWithoutValue(template, { env: { [secureVariable('other')]: 'set' } }), ['key']);
  });
});
