// What a template value is before deployment: the kind an expression always yields, and a string's text with
// its unknown parts marked.

import assert from 'node:assert/strict';
import { expressionKind, literalKind, staticText, UNKNOWN_TEXT as U } from '../../src/arm/static-eval.js';

const template = {
  parameters: { name: { type: 'string' }, flag: { type: 'bool' }, size: { type: 'int' }, only: { type: 'string', allowedValues: ['prod'] }, two: { type: 'string', allowedValues: ['a', 'b'] } },
  variables: { prefix: 'contoso', full: "[concat(variables('prefix'), '-', parameters('only'))]", computed: "[uniqueString(resourceGroup().id)]" },
};

describe('static values of a template', () => {
  it('the kind of a literal', () => {
    assert.deepEqual(['x', 1, 1.5, true, null, [], {}].map(literalKind), ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object']);
  });

  const kinds: [string, string | undefined][] = [
    ["[equals(parameters('name'), 'x')]", 'boolean'],
    ["[not(parameters('flag'))]", 'boolean'],
    ["[parameters('size')]", 'integer'],
    ["[parameters('flag')]", 'boolean'],
    ["[concat('a', parameters('name'))]", 'string'],
    ["[concat(createArray(1), createArray(2))]", 'array'],
    ["[if(parameters('flag'), 1, 2)]", 'integer'],
    ["[if(parameters('flag'), 1, 'two')]", undefined],
    ["[reference('x').enabled]", undefined],
    ["[variables('prefix')]", undefined],
    ["[parameters('missing')]", undefined],
    ['[json(\'{}\')]', undefined],
    ['[concat(', undefined],
  ];
  for (const [expression, kind] of kinds) {
    it(`${expression} is ${kind ?? 'not known'}`, () => assert.equal(expressionKind(expression, template), kind));
  }

  const texts: [unknown, string | undefined][] = [
    ['plain', 'plain'],
    ['[[escaped]', '[escaped]'],
    [42, undefined],
    ["[variables('prefix')]", 'contoso'],
    ["[variables('full')]", 'contoso-prod'],
    ["[format('{0}/default', variables('computed'))]", `${U}/default`],
    ["[format('{0}-{1:D2}-{{x}}', 'a', parameters('size'))]", `a-${U}-{x}`],
    ["[toLower(concat('ST', parameters('only')))]", 'stprod'],
    ["[parameters('two')]", U],
    ["[concat(parameters('name'), '/', 'child')]", `${U}/child`],
    ["[format('{0}/{1}', 'a')]", `a/${U}`],
  ];
  for (const [value, text] of texts) {
    it(`the text of ${JSON.stringify(value)}`, () => assert.equal(staticText(value, template), text));
  }
});
