import { ruleTests, tpl } from '../rule-tester.js';

const params = (loc: Record<string, unknown>, sas?: Record<string, unknown>) => ({ parameters: { _artifactsLocation: loc, ...(sas ? { _artifactsLocationSasToken: sas } : {}) } });

ruleTests('artifacts-parameter', {
  valid: [
    { name: 'main template with templateLink default', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'securestring', defaultValue: '' })) },
    { name: 'nested template without defaults', templateName: 'nestedtemplates/x.json', template: tpl([], params({ type: 'string' }, { type: 'securestring' })) },
    { name: 'no artifacts parameters', template: tpl() },
  ],
  invalid: [
    { name: 'missing defaults in the main template', template: tpl([], params({ type: 'string' }, { type: 'securestring' })), errors: [{ message: /needs a default value/ }, { message: /needs a defaultValue/ }] },
    { name: 'sas token missing', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' })), errors: [{ message: /without _artifactsLocationSasToken/ }] },
    { name: 'wrong types', template: tpl([], params({ type: 'int', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'string', defaultValue: '' })), errors: [{ message: /string or secureString/ }, { message: /must be of type secureString/ }] },
    { name: 'defaults in a nested template', templateName: 'nested.json', template: tpl([], params({ type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, { type: 'securestring', defaultValue: 'sv=x' })), errors: [{ message: /must not have a default value outside/ }, { message: /SasToken must not have a default/ }] },
  ],
});
