// Patterns from untrusted files run in linear time, agree with JavaScript's engine where both run, and say
// plainly what they cannot run.

import assert from 'node:assert/strict';
import { compileLinear } from '../../src/util/linear-regex.js';

const run = (pattern: string, text: string, options = {}) => {
  const c = compileLinear(pattern, options);
  assert.ok('regex' in c, `${pattern}: ${'error' in c ? c.error : ''}`);
  return c.regex.test(text);
};

describe('linear-time regular expressions', () => {
  it('a pattern that backtracks exponentially in JavaScript answers at once', () => {
    assert.equal(run('^(a+)+$', `${'a'.repeat(100_000)}b`), false);
    assert.equal(run('^(a|a)*$', `${'a'.repeat(100_000)}!`), false);
    assert.equal(run('^(a+)+$', 'a'.repeat(1000)), true);
  });

  it('agrees with RegExp.prototype.test on ordinary patterns', () => {
    const cases: [string, string[]][] = [
      ['^[a-z0-9-]{3,24}$', ['abc', 'ab', 'a-b-c', 'ABC', 'x'.repeat(25), '']],
      ['\\d{4}-\\d{2}', ['2024-01', 'x2024-01y', '24-01']],
      ['^(?:https?://)?[\\w.-]+\\.[a-z]{2,}(/.*)?$', ['https://example.com/x', 'example.com', 'nodot', 'ftp://x.io']],
      ['b', ['abc', 'ac']],
      ['^\\S+@\\S+$', ['me@example.com', 'me @x']],
    ];
    for (const [pattern, texts] of cases) for (const text of texts) assert.equal(run(pattern, text), new RegExp(pattern, 'u').test(text), `${pattern} on ${JSON.stringify(text)}`);
  });

  it('leading lookaheads of an anchored pattern (password rules) run as separate tests', () => {
    const pattern = '^(?=.*[A-Z])(?=.*\\d)(?!.*\\s).{12,}$';
    for (const text of ['Abcdefghijk1', 'abcdefghijk1', 'ABCDEFGHIJKL', 'Abcdef ghijk1', 'Ab1', 'Zz9zzzzzzzzzzzz']) assert.equal(run(pattern, text), new RegExp(pattern).test(text), text);
  });

  it('what RE2 cannot run is said to be unsupported; what no engine accepts is invalid', () => {
    for (const p of ['^(a+)\\1$', 'a(?<=b)', 'x(?=y)', '(?!a)b']) {
      const c = compileLinear(p);
      assert.ok('error' in c && c.unsupported, p);
      assert.match('error' in c ? c.error : '', /cannot run in linear time/);
    }
    const bad = compileLinear('(unclosed');
    assert.ok('error' in bad && !bad.unsupported);
  });

  it('.NET syntax: inline options, comments and quoted group names', () => {
    assert.equal(run('(?i)^abc$', 'ABC', { dotNet: true }), true);
    assert.equal(run("^(?'year'\\d{4})(?#the year)$", '2024', { dotNet: true }), true);
    assert.equal(run('^ab\\Z', 'ab', { dotNet: true }), true);
  });
});
