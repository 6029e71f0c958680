// Selectors that can pick an existing resource must pass its resource group and new/existing choice on.

import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls, like, uiOutputs } from '../../package-model/ui-model.js';

const TYPES = ['Microsoft.Storage.StorageAccountSelector', 'Microsoft.Network.PublicIpAddressCombo', 'Microsoft.Network.VirtualNetworkCombo'];

export default defineRule({
  id: 'hideexisting-must-be-correctly-handled',
  armTtk: 'HideExisting-Must-Be-Correctly-Handled',
  description: 'A storage account, public IP or virtual network selector that allows existing resources must have outputs for its resource group and its new-or-existing choice.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const outputs = uiOutputs(ctx.ui).outputs;
    for (const type of TYPES) {
      for (const c of findControls(ctx.ui, type)) {
        const hide = prop(prop(c.node, 'options'), 'hideExisting');
        if (hide === true || (typeof hide === 'string' && hide.toLowerCase() === 'true')) continue;
        const name = c.name ?? '';
        if (!outputs.some((o) => like(o.text, `*${name}*.ResourceGroup*`))) {
          ctx.report({ message: `${c.type} "${name}" can select an existing resource but no output passes its resource group (…${name}.resourceGroup).`, pointer: c.pointer, hint: 'Add an output reading .resourceGroup, or set options.hideExisting to true.' });
        }
        if (!outputs.some((o) => like(o.text, `*${name}*.NewOrExisting*`))) {
          ctx.report({ message: `${c.type} "${name}" can select an existing resource but no output passes its new-or-existing choice (…${name}.newOrExisting).`, pointer: c.pointer, hint: 'Add an output reading .newOrExisting, or set options.hideExisting to true.' });
        }
      }
    }
  },
});
