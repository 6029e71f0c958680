// guidFrom is ARM's guid(): the expected values come from Python's uuid.uuid5 under ARM's namespace, an
// implementation independent of ours.

import assert from 'node:assert/strict';
import { ARM_GUID_NAMESPACE, guidFrom } from '../../src/util/guid.js';

describe('guidFrom (ARM guid())', () => {
  const cases: [unknown[], string][] = [
    [['a', 'b', 'c'], 'a98fa280-e03f-5afa-8d8e-92d0a9c201e8'],
    [['a-b-c'], 'a98fa280-e03f-5afa-8d8e-92d0a9c201e8'],
    [['offerkit-attribution', 'contoso-mail'], 'aba48819-bcb3-525a-9c46-69c9e3c9b217'],
    [['/subscriptions/x', 'reader'], '9e688753-c130-52ef-b9df-47c9455b37e6'],
    [[''], 'e655a85f-3ab2-5e4a-9666-569aa72a5a10'],
    [['héllo'], '344d46d5-ee69-50eb-9399-360ef14aa954'],
  ];
  for (const [args, expected] of cases) {
    it(`guid(${args.map((a) => JSON.stringify(a)).join(', ')})`, () => assert.equal(guidFrom(...args), expected));
  }

  it('says what it is: version 5, RFC 4122 variant', () => {
    for (let i = 0; i < 50; i++) assert.match(guidFrom('x', i), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('uses the namespace ARM uses', () => assert.equal(ARM_GUID_NAMESPACE, '11fb06fb-712d-4ddd-98c7-e71bbd588830'));
});
