// A password box's value must go to a secure template parameter.

import { prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { findControls, like, uiOutputs } from '../../package-model/ui-model.js';
import { templateParameter } from './helpers.js';
import { textOf } from '../../util/text-of.js';

export default defineRule({
  id: 'password-textboxes-must-be-used-for-password-parameters',
  armTtk: 'Password-Textboxes-Must-Be-Used-For-Password-Parameters',
  description: 'Each PasswordBox must be output to a main-template parameter of type securestring or secureobject.',
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    if (!ctx.mainTemplate) return;
    const outputs = uiOutputs(ctx.ui).outputs;
    for (const box of findControls(ctx.ui, 'Microsoft.Common.PasswordBox')) {
      const name = box.name ?? '';
      const out = outputs.find((o) => like(o.text, `*steps(*${name}*`) || like(o.text, `*basics(*${name}*`));
      if (!out) {
        ctx.report({ message: `Password box "${name}" is not passed to the template by any output.`, pointer: box.pointer });
        continue;
      }
      const param = templateParameter(ctx.mainTemplate, out.name);
      if (!param) {
        ctx.report({ message: `Password box "${name}" is output as "${out.name}", which is not a main-template parameter.`, pointer: out.pointer });
        continue;
      }
      const type = textOf(prop(param.decl, 'type')).toLowerCase();
      if (type !== 'securestring' && type !== 'secureobject') {
        ctx.report({ file: ctx.mainTemplateFile, message: `Template parameter "${param.name}" receives password box "${name}" but is of type ${JSON.stringify(prop(param.decl, 'type'))}; use securestring so the value is never logged.`, pointer: param.pointer });
      }
    }
  },
});
