import { cuid, ruleTests } from '../rule-tester.js';

const sel = (options?: unknown) => ({ name: 'sa', type: 'Microsoft.Storage.StorageAccountSelector', label: 'S', toolTip: 't', ...(options ? { options } : {}) });

ruleTests('hideexisting-must-be-correctly-handled', {
  valid: [
    { name: 'outputs for resource group and new-or-existing', ui: cuid({ basics: [sel()], outputs: { location: '[location()]', rg: "[basics('sa').resourceGroup]", noe: "[basics('sa').newOrExisting]" } }) },
    { name: 'hideExisting true', ui: cuid({ basics: [sel({ hideExisting: true })] }) },
  ],
  invalid: [
    { name: 'neither output', ui: cuid({ basics: [sel()] }), errors: [{ message: /resource group/, line: 7, column: 7 }, { message: /new-or-existing/, line: 7, column: 7 }] },
    { name: 'hideExisting false and no newOrExisting', ui: cuid({ basics: [sel({ hideExisting: false })], outputs: { location: '[location()]', rg: "[basics('sa').resourceGroup]" } }), errors: [{ message: /new-or-existing/, line: 7, column: 7 }] },
  ],
});
