// Administrator user names must not be pre-filled.

import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls } from '../../package-model/ui-model.js';
import { truthy } from './helpers.js';

export default defineRule({
  id: 'usernames-should-not-have-a-default',
  armTtk: 'Usernames-Should-Not-Have-A-Default',
  description: 'A Microsoft.Compute.UserNameTextBox must not have a defaultValue.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const c of findControls(ctx.ui, 'Microsoft.Compute.UserNameTextBox')) {
      if (truthy(prop(c.node, 'defaultValue'))) ctx.report({ message: `User name box "${c.name ?? ''}" has a default value; every deployment would share the same administrator name.`, pointer: c.pointer });
    }
  },
});
