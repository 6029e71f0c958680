import { ruleTests, tpl } from '../rule-tester.js';

ruleTests('deploymenttemplate-must-not-contain-hardcoded-uri', {
  valid: [
    { name: 'environment() suffix', template: tpl([], { variables: { u: "[concat('https://x.blob.', environment().suffixes.storage)]" } }) },
    { name: 'host names in parameters are allowed', template: tpl([], { parameters: { endpoint: { type: 'string', defaultValue: 'https://x.blob.core.windows.net' } } }) },
    { name: 'the schema URL', template: tpl() },
  ],
  invalid: [
    { name: 'blob endpoint in a variable', template: tpl([], { variables: { u: 'https://x.blob.core.windows.net/c' } }), errors: [{ message: /core\.windows\.net/, pointer: '/variables/u', line: 5, column: 10 }] },
    { name: 'management endpoint in a resource', template: tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', properties: { url: 'https://management.azure.com/x' } }]), errors: [{ message: /management\.azure\.com/, line: 10, column: 16 }] },
  ],
});
