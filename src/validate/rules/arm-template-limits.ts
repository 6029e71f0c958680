// ARM refuses templates past its limits; better to learn it before publishing.

import { isObject, keyOf, resourceEntries } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { strings } from './walk.js';

/** Azure Resource Manager template limits. */
export const LIMITS = { bytes: 4 * 1024 * 1024, parameters: 256, variables: 256, resources: 800, outputs: 64, expressionChars: 24576 };

export default defineRule({
  id: 'arm-template-limits',
  description: 'A template must stay within ARM limits: 4 MB, 256 parameters, 256 variables, 800 resources (copies included), 64 outputs, 24,576 characters per expression.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    if (ctx.isInnerTemplate) return;
    if (ctx.file.size > LIMITS.bytes) ctx.report({ message: `${ctx.file.path} is ${ctx.file.size} bytes; ARM accepts templates up to 4 MB.`, pointer: '' });
    const count = (section: string) => {
      const k = keyOf(ctx.template, section);
      const v = k ? ctx.template[k] : undefined;
      return isObject(v) ? Object.keys(v).length : Array.isArray(v) ? v.length : 0;
    };
    for (const [section, limit] of [['parameters', LIMITS.parameters], ['variables', LIMITS.variables], ['outputs', LIMITS.outputs]] as const) {
      const n = count(section);
      if (n > limit) ctx.report({ message: `The template has ${n} ${section}; ARM allows ${limit}.`, pointer: `/${keyOf(ctx.template, section)}` });
    }
    const n = resourceEntries(ctx.template).length;
    if (n > LIMITS.resources) ctx.report({ message: `The template declares ${n} resources; ARM allows ${LIMITS.resources}.`, pointer: '/resources' });
    const texts = strings(ctx.template, ctx.base);
    for (let i = 0; i < texts.length; i++) {
      const text = texts.value(i);
      if (text.length > LIMITS.expressionChars && text.startsWith('[')) ctx.report({ message: `An expression of ${text.length} characters exceeds ARM's ${LIMITS.expressionChars}.`, pointer: texts.pointer(i) });
    }
  },
});
