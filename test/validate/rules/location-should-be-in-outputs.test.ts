import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('location-should-be-in-outputs', {
  valid: [{ name: '[location()]', ui: cuid() }, { name: 'spaces and case', ui: cuid({ outputs: { Location: ' [Location()] ' } }) }],
  invalid: [
    { name: 'no location output', ui: cuid({ outputs: { other: '[basics(x)]' } }), errors: [{ message: /no "location"/, line: 8, column: 16 }] },
    { name: 'a fixed region', ui: cuid({ outputs: { location: 'westeurope' } }), errors: [{ message: /must be "\[location\(\)\]"/, pointer: '/parameters/outputs/location', line: 9, column: 19 }] },
    { name: 'no outputs at all', ui: { handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [] } }, errors: [{ message: /no outputs/, line: 4, column: 17 }] },
  ],
});
