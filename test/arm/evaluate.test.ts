// Template expressions evaluated as ARM does, where the inputs decide the value; what only Azure knows at run
// time is UNKNOWN. Expected values follow the examples of Microsoft's template-function reference.

import assert from 'node:assert/strict';
import { evaluate, UNKNOWN, type EvaluationScope } from '../../src/arm/evaluate.js';
import { uniqueString } from '../../src/arm/unique-string.js';
import { guidFrom } from '../../src/util/guid.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const RG_ID = `/subscriptions/${SUB}/resourceGroups/mrg-app`;
const template = {
  parameters: {
    prefix: { type: 'string' },
    location: { type: 'string', defaultValue: '[resourceGroup().location]' },
    count: { type: 'int', defaultValue: 2 },
  },
  variables: {
    storageName: "[toLower(concat(parameters('prefix'), uniqueString(resourceGroup().id)))]",
    factory: "[concat('adf-', uniqueString(resourceGroup().id))]",
    loopA: "[variables('loopB')]",
    loopB: "[variables('loopA')]",
    settings: { name: "[variables('factory')]", tier: 'Standard' },
  },
};
const scope: EvaluationScope = {
  template,
  parameters: { Prefix: 'CMI' },
  resourceGroup: { id: RG_ID, name: 'mrg-app', location: 'westeurope' },
  subscription: { id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: 'tenant-1' },
  deploymentName: 'app',
  copyIndex: { '': 3, disks: 1 },
};

describe('evaluate (ARM template expressions)', () => {
  const cases: [string, unknown, unknown][] = [
    ['a literal', 'plain', 'plain'],
    ['an escaped bracket', '[[notAnExpression]', '[notAnExpression]'],
    ['a parameter, by name in any case', "[parameters('PREFIX')]", 'CMI'],
    ['a default that is itself an expression', "[parameters('location')]", 'westeurope'],
    ['a variable built with uniqueString(resourceGroup().id)', "[variables('storageName')]", `cmi${uniqueString(RG_ID)}`],
    ['an object variable, evaluated inside', "[variables('settings').name]", `adf-${uniqueString(RG_ID)}`],
    ['format with {0} and escaped braces', "[format('{0}/default/{{x}}', 'st1')]", 'st1/default/{x}'],
    ['format with a numeric format specifier is not foreseen', "[format('{0:N0}', 8175133)]", UNKNOWN],
    ['take of a string', "[take('abcdefghij', 3)]", 'abc'],
    ['take past the end', "[take('ab', 5)]", 'ab'],
    ['substring', "[substring('hello world', 6, 5)]", 'world'],
    ['substring out of range is an error, not a guess', "[substring('abc', 2, 5)]", UNKNOWN],
    ['replace', "[replace('123-123-1234', '-', '')]", '1231231234'],
    ['padLeft', "[padLeft('123', 10, '0')]", '0000000123'],
    ['guid as ARM computes it', "[guid(resourceGroup().id, 'x')]", guidFrom(RG_ID, 'x')],
    ['resourceId in the current group', "[resourceId('Microsoft.Storage/storageAccounts/blobServices', 'st1', 'default')]", `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default`],
    ['resourceId in another group', "[resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'st1')]", `/subscriptions/${SUB}/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/st1`],
    ['subscriptionResourceId', "[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg1')]", `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg1`],
    ['extensionResourceId', "[extensionResourceId('/subscriptions/s/resourceGroups/r', 'Microsoft.Authorization/locks', 'l1')]", '/subscriptions/s/resourceGroups/r/providers/Microsoft.Authorization/locks/l1'],
    ['if takes only its branch', "[if(equals(parameters('count'), 2), 'two', reference('x').y)]", 'two'],
    ['copyIndex with an offset', '[copyIndex(1)]', 4],
    ['copyIndex of a named loop', "[copyIndex('disks')]", 1],
    ['concat of arrays', "[concat(createArray(1, 2), createArray(3))]", [1, 2, 3]],
    ['length of an array', "[length(createArray('a', 'b', 'c'))]", 3],
    ['startsWith ignores case', "[startsWith('AbCdef', 'abc')]", true],
    ['contains is case-sensitive for strings', "[contains('OneTwoThree', 'two')]", false],
    ['string of an object', "[string(createObject('a', 1))]", '{"a":1}'],
    ['member access on resourceGroup()', '[resourceGroup().name]', 'mrg-app'],
    ['subscription().subscriptionId', '[subscription().subscriptionId]', SUB],
    ['deployment().name', '[deployment().name]', 'app'],
    ['reference() is known only at run time', "[reference('st1').primaryEndpoints.blob]", UNKNOWN],
    ['utcNow() is known only at run time', '[utcNow()]', UNKNOWN],
    ['a listKeys() call is known only at run time', "[listKeys('st1', '2023-01-01').keys[0].value]", UNKNOWN],
    ['a parameter without a value or default', "[parameters('missing')]", UNKNOWN],
    ['variables that refer to each other', "[variables('loopA')]", UNKNOWN],
    ['an expression that does not parse', "[concat('a',]", UNKNOWN],
  ];
  for (const [what, input, expected] of cases) {
    it(what, () => assert.deepEqual(evaluate(input, scope), expected));
  }

  it('a parameter named __proto__ is a parameter like any other', () => {
    const parameters = Object.create(null) as Record<string, unknown>;
    parameters.__proto__ = 'x1';
    assert.equal(evaluate("[parameters('__proto__')]", { ...scope, parameters }), 'x1');
  });

  it('is bounded on deep input', () => {
    let deep = "'x'";
    for (let i = 0; i < 200; i++) deep = `concat(${deep}, 'y')`;
    assert.equal(evaluate(`[${deep}]`, scope), UNKNOWN);
  });
});
