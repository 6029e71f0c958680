// Password and credential controls must ask for confirmation.

import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls } from '../../package-model/ui-model.js';

export default defineRule({
  id: 'credential-confirmation-should-not-be-hidden',
  armTtk: 'Credential-Confirmation-Should-Not-Be-Hidden',
  description: 'PasswordBox and CredentialsCombo controls must not set options.hideConfirmation to true.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const type of ['Microsoft.Common.PasswordBox', 'Microsoft.Compute.CredentialsCombo']) {
      for (const c of findControls(ctx.ui, type)) {
        const hide = prop(prop(c.node, 'options'), 'hideConfirmation');
        if (hide === true || (typeof hide === 'string' && hide.toLowerCase() === 'true')) {
          ctx.report({ message: `${c.type} "${c.name ?? ''}" hides the confirmation box; customers must confirm credentials.`, pointer: c.pointer });
        }
      }
    }
  },
});
