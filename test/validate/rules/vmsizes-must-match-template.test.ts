import { cuid, ruleTests, tpl } from '../rule-tester.js';

const sel = (allowed?: string[]) => ({ name: 'size', type: 'Microsoft.Compute.SizeSelector', toolTip: 't', osPlatform: 'Linux', ...(allowed ? { constraints: { allowedSizes: allowed } } : {}) });
const main = (def?: string) => tpl([], { parameters: { vmSize: { type: 'string', ...(def ? { defaultValue: def } : {}) } } });

ruleTests('vmsizes-must-match-template', {
  valid: [
    { name: 'default offered', template: main('Standard_D2s_v5'), ui: cuid({ steps: [{ name: 'vm', label: 'VM', elements: [sel(['Standard_D2s_v5'])] }], outputs: { location: '[location()]', vmSize: "[steps('vm').size]" } }) },
    { name: 'no allowedSizes', template: main('Standard_D2s_v5'), ui: cuid({ basics: [sel()], outputs: { location: '[location()]', vmSize: "[basics('size')]" } }) },
  ],
  invalid: [
    { name: 'default not offered', template: main('Standard_B1s'), ui: cuid({ basics: [sel(['Standard_D2s_v5'])], outputs: { location: '[location()]', vmSize: "[basics('size')]" } }), errors: [{ message: /does not offer "Standard_B1s"/, line: 7, column: 7 }] },
    { name: 'never output', template: main(), ui: cuid({ basics: [sel()] }), errors: [{ message: /not passed to the template/, line: 7, column: 7 }] },
  ],
});
