import { ruleTests, tpl } from '../rule-tester.js';

const cache = { 'Microsoft.Storage/storageAccounts': ['2023-05-01', '2023-01-01', '2019-06-01'] };
const out = (v: string) => tpl([], { outputs: { x: { type: 'object', value: v } } });

ruleTests('apiversions-should-be-recent-in-reference-functions', {
  valid: [{ name: 'recent reference', template: out("[reference(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-05-01')]"), cache, today: '2024-01-01' }],
  invalid: [
    { name: 'old listKeys', template: out("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2019-06-01')]"), cache, today: '2024-01-01', errors: [{ message: /listKeys\(\) uses apiVersion 2019-06-01/, line: 7, column: 16 }] },
    { name: 'old reference through a variable', template: tpl([], { variables: { id: "[resourceId('Microsoft.Storage/storageAccounts', 'sa')]" }, outputs: { x: { type: 'object', value: "[reference(variables('id'), '2019-06-01')]" } } }), cache, today: '2024-01-01', errors: [{ message: /reference\(\)/, line: 10, column: 16 }] },
  ],
});
