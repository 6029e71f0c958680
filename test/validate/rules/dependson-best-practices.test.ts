import { ruleTests, tpl } from '../rule-tester.js';

const r = (dependsOn: unknown[]) => ({ type: 'Microsoft.Web/sites', apiVersion: '2023-01-01', name: 'w', dependsOn });

ruleTests('dependson-best-practices', {
  valid: [{ name: 'resourceId and names', template: tpl([r(["[resourceId('Microsoft.Web/serverfarms', 'p')]", 'plan'])]) }, { name: 'concat with copyIndex', template: tpl([r(["[concat('nic', copyIndex())]"])]) }],
  invalid: [
    { name: 'if()', template: tpl([r(["[if(true, 'a', 'b')]"])]), errors: [{ message: /uses if\(\)/, pointer: '/resources/0/dependsOn/0', line: 10, column: 9 }] },
    { name: 'concat()', template: tpl([r(["[concat('Microsoft.Web/serverfarms/', 'p')]"])]), errors: [{ message: /concat/, line: 10, column: 9 }] },
  ],
});
