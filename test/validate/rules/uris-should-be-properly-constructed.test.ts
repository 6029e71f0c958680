import { ruleTests, tpl } from '../rule-tester.js';

const r = (uri: string) => tpl([{ type: 'A.B/c', apiVersion: '2020-01-01', name: 'n', properties: { templateLink: { uri } } }]);

ruleTests('uris-should-be-properly-constructed', {
  valid: [{ name: 'uri()', template: r("[uri(parameters('_artifactsLocation'), concat('nested/x.json', parameters('_artifactsLocationSasToken')))]") }],
  invalid: [{ name: 'concat()', template: r("[concat(parameters('_artifactsLocation'), 'nested/x.json')]"), errors: [{ message: /concat\(\)\/format\(\)/, pointer: '/resources/0/properties/templateLink/uri', severity: 'warning', line: 11, column: 18 }] }],
});
