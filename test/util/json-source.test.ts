import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseJsonSource, MAX_DEPTH } from '../../src/util/json-source.js';
import { inChild } from '../helpers/in-child.js';

describe('parseJsonSource', () => {
  const valid: { name: string; text: string; value: unknown }[] = [
    { name: 'plain object', text: '{"a": 1, "b": [true, null, "x"]}', value: { a: 1, b: [true, null, 'x'] } },
    { name: 'UTF-8 BOM', text: '\uFEFF{"a": 1}', value: { a: 1 } },
    { name: 'doubled BOM', text: '\uFEFF\uFEFF{"a": 1}', value: { a: 1 } },
    { name: 'line and block comments', text: '{\n  // note\n  "a": /* inline */ 1\n}', value: { a: 1 } },
    { name: 'escapes', text: '{"s": "q\\"b\\\\n\\n\\u00e9"}', value: { s: 'q"b\\n\né' } },
    { name: 'numbers', text: '[0, -1.5, 2e3, 1E-2]', value: [0, -1.5, 2000, 0.01] },
    { name: 'scalar root', text: '"x"', value: 'x' },
    { name: '__proto__ key stays data', text: '{"__proto__": {"polluted": true}}', value: JSON.parse('{"__proto__": {"polluted": true}}') },
  ];
  for (const c of valid) {
    it(`reads ${c.name}`, () => {
      const r = parseJsonSource(c.text);
      assert.deepEqual(r.value, c.value);
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    });
  }

  it('reports comments and BOM as seen', () => {
    const r = parseJsonSource('\uFEFF{"a": 1 // c\n}');
    assert.equal(r.hadBom, true);
    assert.equal(r.hadComments, true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  const invalid: { name: string; text: string; code: string; line: number; column: number }[] = [
    { name: 'truncated object', text: '{\n  "a": 1,\n  "b": [1, 2', code: 'json-syntax', line: 3, column: 13 },
    { name: 'missing comma', text: '{\n  "a": 1\n  "b": 2\n}', code: 'json-syntax', line: 3, column: 3 },
    { name: 'bare word', text: '{"a": yes}', code: 'json-syntax', line: 1, column: 7 },
    { name: 'unterminated string', text: '{"a": "abc', code: 'json-syntax', line: 1, column: 7 },
    { name: 'trailing content', text: '{} {}', code: 'json-syntax', line: 1, column: 4 },
    { name: 'unterminated comment', text: '{"a": 1 /* }', code: 'json-syntax', line: 1, column: 9 },
    { name: 'empty file', text: '', code: 'json-syntax', line: 1, column: 1 },
  ];
  for (const c of invalid) {
    it(`rejects ${c.name} with a position`, () => {
      const r = parseJsonSource(c.text);
      assert.equal(r.value, undefined);
      const e = r.diagnostics.find((d) => d.severity === 'error');
      assert.ok(e, 'an error diagnostic');
      assert.equal(e.code, c.code);
      assert.deepEqual([e.line, e.column], [c.line, c.column], e.message);
    });
  }

  it('reports duplicate keys as errors at the second key, and keeps parsing', () => {
    const r = parseJsonSource('{\n  "a": 1,\n  "a": 2\n}');
    assert.deepEqual(r.value, { a: 2 });
    const d = r.diagnostics.find((x) => x.code === 'json-duplicate-key');
    assert.ok(d);
    assert.deepEqual([d.line, d.column], [3, 3]);
  });

  const lenient: { name: string; text: string; value: unknown }[] = [
    { name: 'single-quoted strings', text: "{'a': 'b'}", value: { a: 'b' } },
    { name: 'unquoted property names', text: '{ resources: [ { name: "foo" } ] }', value: { resources: [{ name: 'foo' }] } },
    { name: 'a line break inside a string', text: '{"a": "[concat(\n  \'x\')]"}', value: { a: "[concat(\n  'x')]" } },
  ];
  for (const c of lenient) {
    it(`reads ${c.name} as ARM does, with a warning`, () => {
      const r = parseJsonSource(c.text);
      assert.deepEqual(r.value, c.value);
      assert.ok(r.diagnostics.length > 0 && r.diagnostics.every((d) => d.code === 'json-nonstandard' && d.severity === 'warning'), JSON.stringify(r.diagnostics));
    });
  }

  it('warns about keys differing only in case', () => {
    const r = parseJsonSource('{"Name": 1, "name": 2}');
    assert.ok(r.diagnostics.some((d) => d.code === 'json-duplicate-key-case' && d.severity === 'warning'));
  });

  it('warns about trailing commas and still reads the value', () => {
    const r = parseJsonSource('{"a": [1, 2,], }');
    assert.deepEqual(r.value, { a: [1, 2] });
    assert.equal(r.diagnostics.filter((d) => d.code === 'json-trailing-comma').length, 2);
  });

  it('stops at excessive nesting with a diagnostic instead of overflowing the stack', () => {
    const text = '['.repeat(10000) + ']'.repeat(10000);
    const r = parseJsonSource(text);
    assert.equal(r.value, undefined);
    const d = r.diagnostics[0];
    assert.equal(d.code, 'json-too-deep');
    assert.deepEqual([d.line, d.column], [1, MAX_DEPTH + 1]);
  });

  it('reads a document of the largest size offerkit reads (8 MB, twice the largest template ARM deploys)', async function () {
    // Over a hundred megabytes of heap at its peak: in a process of its own (test/helpers/in-child.ts), with the
    // time a busy machine needs. MAX_JSON_FILE is what validate reads of any JSON file; a larger one is refused
    // unread, so a larger document here would test nothing offerkit does and only hold memory the run needs.
    this.timeout(180000);
    const r = await inChild<{ count: number; read: number; diagnostics: number; bytes: number }>(
      { json: join(import.meta.dirname, '..', '..', 'src', 'util', 'json-source.js'), input: join(import.meta.dirname, '..', '..', 'src', 'validate', 'package-input.js') },
      `const item = JSON.stringify({ name: 'x'.repeat(100), value: [1, 2, 3], nested: { a: 'b' } });
      const count = Math.floor((input.MAX_JSON_FILE - 20) / (item.length + 1));
      const text = \`{"resources": [\${new Array(count).fill(item).join(',')}]}\`;
      const r = json.parseJsonSource(text);
      return { count, read: r.value.resources.length, diagnostics: r.diagnostics.length, bytes: text.length };`,
    );
    assert.ok(r.bytes > 8 * 1024 * 1024 - 200 && r.bytes <= 8 * 1024 * 1024, `the document is just under 8 MB (${r.bytes} bytes)`);
    assert.deepEqual([r.read, r.diagnostics], [r.count, 0]);
  });

  it('locates pointers (value and key) with line and column', () => {
    const text = '{\n  "parameters": {\n    "location": {\n      "type": "string"\n    }\n  },\n  "list": [10, 20]\n}';
    const r = parseJsonSource(text);
    assert.deepEqual(pick(r.locate('/parameters/location/type')), [4, 15]);
    assert.deepEqual(pick(r.locate('/parameters/location', { key: true })), [3, 5]);
    assert.deepEqual(pick(r.locate('/list/1')), [7, 16]);
    // A pointer that goes further than the document stops at the deepest node found.
    assert.deepEqual(pick(r.locate('/parameters/missing/deeper')), [2, 17]);
  });

  it('does not count a BOM as a column', () => {
    const r = parseJsonSource('\uFEFF{"a": 1}');
    assert.deepEqual(pick(r.locate('/a')), [1, 7]);
  });

  it('pointerAt names the value that starts at an offset, and nothing inside a value or a replaced duplicate', () => {
    const text = '{"a": {"b": [10, {"c~/": "x"}]}, "d": 1, "d": [2], "e": "long text"}';
    const r = parseJsonSource(text);
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    assert.equal(r.pointerAt(0), '');
    assert.equal(r.pointerAt(at('{"b"')), '/a');
    assert.equal(r.pointerAt(at('[10')), '/a/b');
    assert.equal(r.pointerAt(at('10')), '/a/b/0');
    assert.equal(r.pointerAt(at('{"c')), '/a/b/1');
    assert.equal(r.pointerAt(at('"x"')), '/a/b/1/c~0~1');
    assert.equal(r.pointerAt(at('[2]')), '/d');
    assert.equal(r.pointerAt(at('1,')), undefined, 'the first "d" was replaced by the second');
    assert.equal(r.pointerAt(at('text')), undefined, 'inside a string');
    assert.equal(r.pointerAt(at('"b"')), undefined, 'a property name is not a value');
    assert.equal(r.pointerAt(text.length + 5), undefined);
    // A large object (its keys indexed) answers the same way.
    const big = `{${Array.from({ length: 40 }, (_, k) => `"k${k}": [${k}]`).join(', ')}, "k7": {"z": true}}`;
    const rb = parseJsonSource(big);
    assert.equal(rb.pointerAt(big.indexOf('[39]')), '/k39');
    assert.equal(rb.pointerAt(big.indexOf('[7]')), undefined);
    assert.equal(rb.pointerAt(big.indexOf('{"z"')), '/k7');
    assert.deepEqual(pick(rb.locate('/k7/z')), [1, big.indexOf('true') + 1]);
  });
});

function pick(p: { line: number; column: number } | undefined): [number, number] | undefined {
  return p ? [p.line, p.column] : undefined;
}
