import { ruleTests, tpl } from '../rule-tester.js';

const params = (loc: Record<string, unknown>, sas?: Record<string, unknown>) => ({ parameters: { _artifactsLocation: loc, ...(sas ? { _artifactsLocationSasToken: sas } : {}) } });

ruleTests('artifacts-parameter', {
  valid: [
    { name: 'main template with templateLink default', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'securestring', defaultValue: '' })) },
    { name: 'nested template without defaults', templateName: 'nestedtemplates/x.json', template: tpl([], params({ type: 'string' }, { type: 'securestring' })) },
    { name: 'no artifacts parameters', template: tpl() },
  ],
  invalid: [
    { name: 'missing defaults in the main template', template: tpl([], params({ type: 'string' }, { type: 'securestring' })), errors: [{ message: /needs a default value/, line: 5, column: 27 }, { message: /needs a defaultValue/, line: 8, column: 35 }] },
    { name: 'sas token missing', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' })), errors: [{ message: /without _artifactsLocationSasToken/, line: 5, column: 27 }] },
    { name: 'wrong types', template: tpl([], params({ type: 'int', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'string', defaultValue: '' })), errors: [{ message: /string or secureString/, line: 5, column: 27 }, { message: /must be of type secureString/, line: 9, column: 35 }] },
    { name: 'defaults in a nested template', templateName: 'nested.json', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'securestring', defaultValue: 'sv=x' })), errors: [{ message: /must not have a default value outside/, line: 7, column: 23 }, { message: /SasToken must not have a default/, line: 11, column: 23 }] },
  ],
});
