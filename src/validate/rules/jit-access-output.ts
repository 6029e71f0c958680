// An offer with just-in-time access must let the customer configure it.

import { defineRule } from '../rule.js';
import { isObject } from './helpers.js';
import { findControls, uiOutputs } from '../../package-model/ui-model.js';

export default defineRule({
  id: 'jit-access-output',
  description: 'When the offer enables just-in-time access, createUiDefinition must have a JitConfigurator and output jitAccessPolicy.',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const ui = ctx.package.createUiDefinition;
    if (!ctx.offer?.management.jitAccess.enabled || !ui || !isObject(ui.json.value)) return;
    const o = uiOutputs(ui.json.value);
    if (!o.outputs.some((x) => x.name.toLowerCase() === 'jitaccesspolicy')) ctx.report({ file: ui, pointer: o.pointer, message: 'The offer enables just-in-time access but createUiDefinition does not output jitAccessPolicy.' });
    if (!findControls(ui.json.value, 'Microsoft.Solutions.JitConfigurator').length) ctx.report({ file: ui, pointer: '/parameters/steps', message: 'The offer enables just-in-time access but createUiDefinition has no Microsoft.Solutions.JitConfigurator control.' });
  },
});
