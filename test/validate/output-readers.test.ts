// The outputs that read a createUiDefinition control, found in one reading of the outputs: on seeded random
// outputs and names (quotes, dots, case, spaces, names that are not one word), the same output the per-name
// expressions find, and the same answer to "does .name stand in the file".

import assert from 'node:assert/strict';
import { OutputReaders } from '../../src/package-model/output-readers.js';
import { outputReadsBasics, outputReadsStep, type OutputRef } from '../../src/package-model/ui-model.js';
import { rng } from '../helpers/seeded-random.js';

const NAMES = ['a', 'A', 'ab', 'b', 'vm', 'VmSize', "it's", 'x-y', 'x.y', 'size', 's 1', ''];
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

function randomOutput(r: () => number, k: number): OutputRef {
  const parts: string[] = [];
  for (let i = 0; i < 1 + Math.floor(r() * 4); i++) {
    const kind = r();
    if (kind < 0.35) parts.push(`basics(${pick(r, ['', ' '])}'${pick(r, NAMES)}'${pick(r, ['', ' '])})${pick(r, ['', '.x', `.${pick(r, NAMES)}`])}`);
    else if (kind < 0.8) parts.push(`steps('${pick(r, NAMES)}')${Array.from({ length: 1 + Math.floor(r() * 3) }, () => `.${pick(r, NAMES)}`).join('')}`);
    else parts.push(pick(r, ['concat(', ')', ', ', '.size', "'"]));
  }
  const text = `[${parts.join(pick(r, [', ', '']))}]`;
  return { name: `o${k}`, value: text, text, pointer: `/parameters/outputs/o${k}` };
}

describe('which createUiDefinition output reads a control', () => {
  it('is the output the per-name expressions find, for basics and steps alike', () => {
    const r = rng(20261206);
    let found = 0;
    for (let k = 0; k < 300; k++) {
      const outputs = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => randomOutput(r, i));
      const readers = new OutputReaders(outputs, JSON.stringify(outputs.map((o) => o.text)));
      for (let q = 0; q < 20; q++) {
        const step = pick(r, ['', ...NAMES]);
        const control = pick(r, NAMES.filter(Boolean));
        const expected = outputs.find((o) => (step ? outputReadsStep(o.text, step, control) : outputReadsBasics(o.text, control)));
        assert.equal(readers.reading(step, control), expected, `${JSON.stringify(outputs.map((o) => o.text))} step ${JSON.stringify(step)} control ${JSON.stringify(control)}`);
        if (expected) found++;
      }
    }
    assert.ok(found > 300, `${found} readings found`);
  });

  it('answers "does .name stand in the file" as /\\.name/i does', () => {
    const r = rng(99);
    for (let k = 0; k < 200; k++) {
      const text = Array.from({ length: 30 }, () => pick(r, ['.', '..', 'a', 'B', 'vm', 'Size', '_', '-', ' ', '"', '1'])).join('');
      const readers = new OutputReaders([], text);
      for (const name of ['a', 'vm', 'vmsize', 'b_1', 'size', 'x-y', 'Vm']) {
        assert.equal(readers.dottedInFile(name), new RegExp(`\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(text), `${JSON.stringify(text)} ${name}`);
      }
    }
  });
});
