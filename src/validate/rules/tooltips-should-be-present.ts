// Every input control needs a tooltip.

import { isObject, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls } from '../../package-model/ui-model.js';
import { textOf } from '../../util/text-of.js';

const EXEMPT = new Set(['microsoft.common.infobox', 'microsoft.common.section', 'microsoft.common.textblock', 'microsoft.common.editablegrid', 'microsoft.solutions.armapicontrol', 'microsoft.solutions.graphapicontrol', 'microsoft.solutions.jitconfigurator']);

export default defineRule({
  id: 'tooltips-should-be-present',
  armTtk: 'Tooltips-Should-Be-Present',
  description: 'Every control (type Microsoft.x.y) except InfoBox, Section, TextBlock, EditableGrid, ArmApiControl, GraphApiControl and JitConfigurator must have a non-empty toolTip.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    for (const c of findControls(ctx.ui)) {
      if (!/^Microsoft\.[^.]+\.[^.]+$/i.test(c.type) || EXEMPT.has(c.type.toLowerCase())) continue;
      const tip = prop(c.node, 'toolTip');
      if (isObject(tip) || (typeof tip === 'string' && tip.trim())) continue;
      if (typeof tip === 'number' || typeof tip === 'boolean' || (Array.isArray(tip) && tip.map((x) => textOf(x)).join(',').trim())) continue;
      ctx.report({ message: `${c.type} "${c.name ?? ''}" has no toolTip.`, pointer: c.pointer, hint: 'Add a toolTip explaining what to enter and why.' });
    }
  },
});
