// The rules' shared walk of a template: every value once, depth first, with the key and pointer RFC 6901 gives it,
// whether read by index or iterated; a walk below one property is a part of the same walk.

import assert from 'node:assert/strict';
import { strings, walk, walkBelow } from '../../src/validate/rules/walk.js';

const doc = {
  resources: [{ type: 'a/b', 'x/y~z': { '0': 'zero', '01': 'lead', '4294967296': 'big' } }, 'loose'],
  variables: { v: ['[concat(1)]', 2] },
};

describe('the rules\' walk of a template', () => {
  it('visits every value depth first with its key, parent and escaped pointer', () => {
    const w = walk(doc, '/base');
    const seen = [...w].map((v) => [v.pointer, v.key, typeof v.value === 'object' ? 'obj' : v.value]);
    assert.deepEqual(seen, [
      ['/base/resources', 'resources', 'obj'],
      ['/base/resources/0', '0', 'obj'],
      ['/base/resources/0/type', 'type', 'a/b'],
      ['/base/resources/0/x~1y~0z', 'x/y~z', 'obj'],
      ['/base/resources/0/x~1y~0z/0', '0', 'zero'],
      ['/base/resources/0/x~1y~0z/01', '01', 'lead'],
      ['/base/resources/0/x~1y~0z/4294967296', '4294967296', 'big'],
      ['/base/resources/1', '1', 'loose'],
      ['/base/variables', 'variables', 'obj'],
      ['/base/variables/v', 'v', 'obj'],
      ['/base/variables/v/0', '0', '[concat(1)]'],
      ['/base/variables/v/1', '1', 2],
    ]);
    // Read by index, the same values; the parent is the object or array that holds each.
    assert.equal(w.length, seen.length);
    assert.equal(w.parent(0), doc);
    assert.equal(w.parent(2), doc.resources[0]);
    assert.equal(w.value(11), 2);
    assert.equal(w.pointer(6), '/base/resources/0/x~1y~0z/4294967296');
  });

  it('is made once per tree and pointer, and a walk below a property is that part of it', () => {
    assert.equal(walk(doc, '/base'), walk(doc, '/base'));
    assert.notEqual(walk(doc, ''), walk(doc, '/base'));
    const below = walkBelow(doc, '', 'resources');
    assert.deepEqual([...below].map((v) => v.pointer), ['/resources/0', '/resources/0/type', '/resources/0/x~1y~0z', '/resources/0/x~1y~0z/0', '/resources/0/x~1y~0z/01', '/resources/0/x~1y~0z/4294967296', '/resources/1']);
    assert.deepEqual([...walkBelow(doc, '', 'variables')].map((v) => v.pointer), ['/variables/v', '/variables/v/0', '/variables/v/1']);
    assert.equal(walkBelow(doc, '', 'outputs').length, 0);
  });

  it('lists the strings of a tree, or a string itself', () => {
    const s = strings(doc, '');
    assert.deepEqual([...s].map((v) => v.value), ['a/b', 'zero', 'lead', 'big', 'loose', '[concat(1)]']);
    assert.equal(s.pointer(5), '/variables/v/0');
    const one = strings('[x]', '/outputs/o/value');
    assert.deepEqual([...one].map((v) => [v.value, v.pointer, v.key, v.parent]), [['[x]', '/outputs/o/value', '', undefined]]);
    assert.equal(walk('text').length, 0);
  });

  it('stops 200 levels down, as every consumer after it does', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 300; i++) deep = { d: deep };
    assert.equal(walk(deep).length, 201);
  });
});
