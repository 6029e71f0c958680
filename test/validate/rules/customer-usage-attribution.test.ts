import { ruleTests, tpl } from '../rule-tester.js';

const pid = (name: string, resources: unknown[] = []) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, properties: { mode: 'Incremental', template: tpl(resources) } });

ruleTests('customer-usage-attribution', {
  valid: [{ name: 'pid-<GUID> with an empty template', template: tpl([pid('pid-3c4f8a1e-2b7d-4e6a-9f10-5d2c8b7a6e41')]) }],
  invalid: [
    { name: 'missing (warning by default)', template: tpl(), errors: [{ message: /no customer usage attribution/, severity: 'warning', line: 4, column: 16 }] },
    { name: 'missing for a marketplace target (error)', template: tpl(), target: 'marketplace', errors: [{ severity: 'error', line: 4, column: 16 }] },
    { name: 'not a GUID', template: tpl([pid('pid-contoso')]), errors: [{ message: /not named pid-<GUID>/, line: 5, column: 5 }] },
    { name: 'a pid- deployment that holds a script is not the attribution deployment (told by content)', template: tpl([pid('pid-GUID-partnercenter', [{ type: 'Microsoft.Resources/deploymentScripts', apiVersion: '2023-08-01', name: 'install' }])]), errors: [{ message: /not named pid-<GUID>\. It also deploys resources, so it is not an attribution deployment/, line: 5, column: 5 }] },
    { name: 'deploys resources', template: tpl([pid('pid-3c4f8a1e-2b7d-4e6a-9f10-5d2c8b7a6e41', [{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'x' }])]), errors: [{ message: /must be empty/, line: 5, column: 5 }] },
  ],
});
