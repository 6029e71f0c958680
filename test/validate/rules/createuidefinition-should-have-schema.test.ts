import { cuid, ruleTests } from '../rule-tester.js';

ruleTests('createuidefinition-should-have-schema', {
  valid: [{ name: 'exact schema and version', ui: cuid() }],
  invalid: [
    { name: 'no $schema', ui: { handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { outputs: {} } }, errors: [{ message: /no \$schema/, line: 1, column: 1 }] },
    { name: 'schema without #', ui: cuid({}, { $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json' }), errors: [{ message: /must be exactly/, pointer: '/$schema', line: 2, column: 14 }] },
    { name: 'wrong version', ui: cuid({}, { version: '0.0.1-preview' }), errors: [{ message: /version/, line: 4, column: 14 }] },
  ],
});
