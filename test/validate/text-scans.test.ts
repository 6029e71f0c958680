// The text scans arm-ttk's rules are built on, rewritten to read a file once: on seeded random texts of quotes,
// colons, brackets, comments and spaces (Unicode ones too), each answers as the expression or the backward scan
// it replaced.

import assert from 'node:assert/strict';
import { commentSpans, findBlanks, inSpans, mergeSpans } from '../../src/validate/rules/blanks.js';
import { providersApiVersionsAt } from '../../src/validate/rules/providers-apiversions-is-not-permitted.js';
import { insideExpression, insideExpressionInOrder } from '../../src/validate/rules/template-text.js';
import { rng } from '../helpers/seeded-random.js';

const PIECES = ['"', '"', ':', ' ', '\u00a0', '\u2003', '\n', '{}', '[]', '""', 'null', '[{}]', '[""]', 'a', 'name', '[', '@', '\\"', '//c\n', '/*c*/', "'", ','];

function randomText(r: () => number, length: number): string {
  let t = '';
  while (t.length < length) t += PIECES[Math.floor(r() * PIECES.length)];
  return t;
}

/** The property names before each blank as arm-ttk's expression finds them (the scan findBlanks replaced). */
function namesByExpression(text: string, blanks: { index: number }[]): string[] {
  const comments = commentSpans(text);
  const props = [...text.matchAll(/"([^"]{1,})"\s*:/g)].filter((m) => !comments.some(([a, z]) => m.index >= a && m.index < z)).map((m) => ({ end: m.index + m[0].length, name: m[1] }));
  return blanks.map((b) => props.filter((p) => p.end <= b.index).at(-1)?.name ?? '(none)');
}

describe('text scans that read a file once', () => {
  it('findBlanks names each blank\'s property as arm-ttk\'s expression does', () => {
    const r = rng(20261206);
    let blanks = 0;
    for (let k = 0; k < 300; k++) {
      const text = randomText(r, 40 + Math.floor(r() * 400));
      const found = findBlanks(text);
      blanks += found.length;
      assert.deepEqual(found.map((b) => b.property), namesByExpression(text, found).filter((n) => n !== '(none)'), JSON.stringify(text));
    }
    assert.ok(blanks > 100, `${blanks} blanks checked`);
  });

  it('insideExpressionInOrder answers as insideExpression, offsets in order or not', () => {
    const r = rng(7);
    for (let k = 0; k < 200; k++) {
      const text = randomText(r, 20 + Math.floor(r() * 300));
      const inside = insideExpressionInOrder(text);
      const offsets = Array.from({ length: 30 }, () => Math.floor(r() * (text.length + 1)));
      const asked = k % 2 ? offsets.sort((a, b) => a - b) : offsets;
      for (const at of asked) assert.equal(inside(at), insideExpression(text, at), `${JSON.stringify(text)} at ${at}`);
    }
  });

  it('providers(…).apiVersions is found where arm-ttk\'s expression finds it', () => {
    const r = rng(42);
    const pieces = ['providers(', 'Providers (', 'providers', '(', ')', ').apiVersions', ') . APIversions', ' ', '.', 'apiVersions', 'x', "'"];
    let hits = 0;
    for (let k = 0; k < 400; k++) {
      let text = '';
      while (text.length < 20 + k) text += pieces[Math.floor(r() * pieces.length)];
      const expected = [...text.matchAll(/providers\s*\([^)]*\)\s*\.\s*apiVersions/gi)].map((m) => m.index);
      assert.deepEqual(providersApiVersionsAt(text, 0, text.length), expected, JSON.stringify(text));
      hits += expected.length;
    }
    assert.ok(hits > 50, `${hits} matches compared`);
  });

  it('mergeSpans joins overlapping and touching spans; inSpans finds an offset in them', () => {
    const merged = mergeSpans([[10, 20], [0, 5], [15, 30], [5, 7], [40, 41]]);
    assert.deepEqual(merged, [[0, 7], [10, 30], [40, 41]]);
    const inAny = (at: number) => [[10, 20], [0, 5], [15, 30], [5, 7], [40, 41]].some(([a, z]) => at >= a && at < z);
    for (let at = -1; at < 45; at++) assert.equal(inSpans(merged, at), inAny(at), `at ${at}`);
  });
});
