// uniqueString is ARM's: the expected values are the ones published beside independent reproductions of ARM's
// function — Microsoft's own (Azure/terraform-provider-azapi, unique_string_function_test.go) and the vectors a
// bash reproduction checks against Bicep's output — none computed by our code.

import assert from 'node:assert/strict';
import { uniqueString } from '../../src/arm/unique-string.js';

describe('uniqueString (ARM uniqueString())', () => {
  const cases: [string[], string, string][] = [
    [['/subscriptions/00000000-0000-0000-0000-000000000000', 'resource-id'], 'cwvxuqg24sifi', 'Azure/terraform-provider-azapi'],
    [['test'], 'rbgf3xv4ufgzg', 'uniquestring.sh, checked against Bicep'],
    [['hello', 'world'], 'a7wkljktk6wne', 'uniquestring.sh'],
    [['abc'], 'cgtzqvhu4i23s', 'uniquestring.sh'],
    [['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg'], 'bmg7c6xu4tw46', 'uniquestring.sh (a 72-byte id: the 8-byte blocks)'],
    [['foo', 'bar', 'baz'], 'xzi4ioaxtmth4', 'uniquestring.sh'],
  ];
  for (const [args, expected, source] of cases) {
    it(`uniqueString(${args.map((a) => `'${a}'`).join(', ')}) = ${expected} (${source})`, () => assert.equal(uniqueString(...args), expected));
  }

  it('joins its arguments with "-" before hashing, as ARM does', () => assert.equal(uniqueString('a', 'b'), uniqueString('a-b')));

  it('is 13 characters of a-z and 2-7 for every input length (each tail length of the 8-byte blocks)', () => {
    for (let n = 0; n < 40; n++) assert.match(uniqueString('x'.repeat(n)), /^[a-z2-7]{13}$/);
  });

  it('is case-sensitive: an id in other casing gives another name', () => assert.notEqual(uniqueString('/subscriptions/a/resourceGroups/RG'), uniqueString('/subscriptions/a/resourcegroups/rg')));
});
