import { ruleTests, tpl } from '../rule-tester.js';

const d = (debug?: unknown) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'n', properties: { mode: 'Incremental', ...(debug ? { debugSetting: debug } : {}) } });

ruleTests('deployment-resources-must-not-be-debug', {
  valid: [{ name: 'no debug setting', template: tpl([d()]) }, { name: 'detailLevel None', template: tpl([d({ detailLevel: 'None' })]) }],
  invalid: [{ name: 'requestContent logged', template: tpl([d({ detailLevel: 'requestContent,responseContent' })]), errors: [{ message: /detailLevel/, pointer: '/resources/0/properties', line: 9, column: 21 }] }],
});
