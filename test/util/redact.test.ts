// Secrets registered by value are removed from output whatever their length: a long one wherever it occurs,
// a short one where it stands as a whole token (a JSON string, a quoted word, a value after = or :), never from
// inside a longer word; the fields of a secure object too. Each case is a separate process-wide registration,
// so every value here is unique to its case.

import assert from 'node:assert/strict';
import { redact, registerSecret, registerSecureValue } from '../../src/util/redact.js';

describe('redact: secrets registered by value', () => {
  it('removes a long secret wherever it occurs', () => {
    registerSecret('long-secret-value-91f');
    assert.equal(redact('a long-secret-value-91f b xlong-secret-value-91fx'), 'a *** b x***x');
  });

  const SHORT: [string, string, string][] = [
    // [secret, text, expected]
    ['q7', 'The value \'q7\' is not valid.', "The value '***' is not valid."],
    ['zk3', '{"password":"zk3","other":"zk30"}', '{"password":"***","other":"zk30"}'],
    ['w9', 'pass=w9&x=1', 'pass=***&x=1'],
    ['t4x', 'key: t4x\nnext', 'key: ***\nnext'],
    ['m5', 'token m5 here', 'token *** here'],
    ['p0p', 'p0pcorn and xp0p and p0p_1 and p0p-2 stay', 'p0pcorn and xp0p and p0p_1 and p0p-2 stay'],
    ['ж', 'the letter ж alone, not in жук', 'the letter *** alone, not in жук'],
    ['a"b', '{"v":"a\\"b"}', '{"v":"***"}'],
    ['c\\d', '{"v":"c\\\\d"}', '{"v":"***"}'],
    ['é1', 'valeur «é1» refusée', 'valeur «***» refusée'],
    ['!#', 'chars !# end', 'chars *** end'],
  ];
  for (const [secret, text, expected] of SHORT) {
    it(`a short secret ${JSON.stringify(secret)} is removed as a whole token only: ${JSON.stringify(text)}`, () => {
      registerSecret(secret);
      assert.equal(redact(text), expected);
    });
  }

  it('a secret holding a control character is removed as the terminal shows it too', () => {
    registerSecret('k\u001b9');
    assert.equal(redact('shown "k\\u{1b}9" here'), 'shown "***" here');
  });

  it('every field of a secure object, and the object as JSON', () => {
    registerSecureValue({ user: 'adm', pin: 4321, nested: { token: 'tk-77a' }, flag: true });
    assert.equal(redact('user adm, pin 4321, token tk-77a'), 'user ***, pin ***, token ***');
    assert.equal(redact('{"user":"adm","pin":4321,"nested":{"token":"tk-77a"},"flag":true}'), '***');
    assert.equal(redact('"flag": true'), '"flag": true', 'booleans are not secrets of their own');
  });

  it('leaves text with many near-misses as it is', () => {
    registerSecret('nm');
    const text = 'nmx xnm '.repeat(50_000);
    assert.equal(redact(text), text);
  });
});
