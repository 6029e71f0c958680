import { cuid, ruleTests } from '../rule-tester.js';

const box = (extra: Record<string, unknown>) => ({ name: 'prefix', type: 'Microsoft.Common.TextBox', label: 'Prefix', toolTip: 't', ...extra });

ruleTests('textbox-default-matches-regex', {
  valid: [
    { name: 'a default the regex accepts', ui: cuid({ basics: [box({ defaultValue: 'app1', constraints: { required: true, regex: '^[a-z0-9]{3,8}$', validationMessage: 'm' } })] }) },
    { name: 'an empty default (not filled in)', ui: cuid({ basics: [box({ defaultValue: '', constraints: { regex: '^[a-z]{3,8}$', validationMessage: 'm' } })] }) },
    { name: 'an expression default is computed on the form', ui: cuid({ basics: [box({ defaultValue: "[concat('App', '1')]", constraints: { regex: '^[a-z0-9]{3,8}$', validationMessage: 'm' } })] }) },
    { name: 'every validation regex accepts it', ui: cuid({ basics: [box({ defaultValue: 'app1', constraints: { validations: [{ regex: '^[a-z0-9]{1,8}$', message: 'm' }, { isValid: '[true]', message: 'n' }] } })] }) },
  ],
  invalid: [
    {
      name: 'constraints.regex refuses the default',
      ui: cuid({ basics: [box({ defaultValue: 'App_1', constraints: { required: true, regex: '^[a-z0-9]{3,8}$', validationMessage: 'm' } })] }),
      errors: [{ message: /Text box "prefix": its default value "App_1" does not match its own regex \^\[a-z0-9\]\{3,8\}\$/, pointer: '/parameters/basics/0/defaultValue', severity: 'warning', line: 12, column: 25 }],
    },
    {
      name: 'a validations regex refuses it',
      ui: cuid({ steps: [{ name: 's', label: 'S', elements: [box({ defaultValue: 'contoso-app-with-a-long-name', constraints: { validations: [{ regex: '^[a-z-]{1,64}$', message: 'm' }, { regex: '^.{1,10}$', message: 'short' }] } })] }] }),
      errors: [{ message: /does not match its own regex \^\.\{1,10\}\$/, pointer: '/parameters/steps/0/elements/0/defaultValue', line: 17, column: 29 }],
    },
  ],
});
