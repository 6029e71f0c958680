import { cuid, ruleTests, tpl } from '../rule-tester.js';

ruleTests('managedapp-package-layout', {
  valid: [{ name: 'mainTemplate.json and createUiDefinition.json', template: tpl(), ui: cuid() }],
  invalid: [
    { name: 'azuredeploy.json instead of mainTemplate.json', templateName: 'azuredeploy.json', template: tpl(), ui: cuid(), errors: [{ message: /has azuredeploy\.json but no mainTemplate\.json/, line: null, column: null }] },
    { name: 'no createUiDefinition.json', template: tpl(), errors: [{ message: /no createUiDefinition\.json/, line: null, column: null }] },
    { name: 'both azuredeploy.json and mainTemplate.json (warning)', template: tpl(), ui: cuid(), files: { 'azuredeploy.json': tpl() }, errors: [{ message: /both azuredeploy\.json and mainTemplate\.json/, severity: 'warning', line: null, column: null }] },
  ],
});
