// ARM's documented limits, checked before anything is sent: "Limit the size of your template to 4 MB, and each
// resource definition to 1 MB … The parameter file is also limited to 4 MB. You may get an error with a template
// or parameter file of less than 4 MB if the total size of the request is too large" and "256 parameters …
// 800 resources (including copy count), 64 output values … 24,576 characters in a template expression"
// (learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits; the same limits in
// …/troubleshooting/error-job-size-exceeded). The sizes are of the JSON ARM receives (UTF-8 bytes). A limit over
// which ARM refuses is an error; the request's total size, which ARM measures with its own metadata, a warning.

import type { Diagnostic } from '../diagnostics.js';
import { isExpression } from '../arm/expressions.js';
import { isObject, keyOf, resourceEntries } from '../arm/template.js';
import type { TemplateFile } from './arm-errors.js';

export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
export const MAX_RESOURCE_BYTES = 1024 * 1024;
export const MAX_PARAMETERS_BYTES = 4 * 1024 * 1024;
export const MAX_PARAMETERS = 256;
export const MAX_OUTPUTS = 64;
export const MAX_RESOURCES = 800;
export const MAX_EXPRESSION = 24_576;

const DOCS = 'ARM\'s template limits (learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits)';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

/** Findings for a template and the parameters sent with it. */
export function templateLimitFindings(file: TemplateFile, parameters: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const template = file.source.value;
  const at = (pointer: string) => {
    const pos = file.source.locate(pointer);
    return { file: file.display, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const size = bytes(template);
  if (size > MAX_TEMPLATE_BYTES) out.push({ code: 'deploy-template-too-large', severity: 'error', message: `mainTemplate.json is ${mb(size)} as ARM receives it; ARM refuses a template over 4 MB (${DOCS}). Nothing was sent.`, ...at(''), hint: 'Move parts into nested templates, or shorten what is repeated (copy loops instead of copies, variables instead of repeated literals).' });
  const parametersSize = bytes(parameters ?? {});
  if (parametersSize > MAX_PARAMETERS_BYTES) out.push({ code: 'deploy-parameters-too-large', severity: 'error', message: `The parameters are ${mb(parametersSize)}; ARM refuses parameters over 4 MB (${DOCS}). Nothing was sent.`, file: file.display });
  else if (size <= MAX_TEMPLATE_BYTES && size + parametersSize > MAX_TEMPLATE_BYTES) out.push({ code: 'deploy-request-large', severity: 'warning', message: `The template and its parameters together are ${mb(size + parametersSize)}; ARM may refuse a request that large even with each under 4 MB (${DOCS}).`, file: file.display });
  let resources = 0;
  const walk = (tpl: unknown, base: string) => {
    for (const [rel, r] of resourceEntries(tpl)) {
      resources++;
      const n = bytes(r);
      if (n > MAX_RESOURCE_BYTES) out.push({ code: 'deploy-resource-too-large', severity: 'error', message: `This resource definition is ${mb(n)}; ARM refuses one over 1 MB (${DOCS}).`, ...at(`${base}/${rel}`) });
    }
  };
  walk(template, '');
  if (resources > MAX_RESOURCES) out.push({ code: 'deploy-too-many-resources', severity: 'error', message: `The template declares ${resources} resources; ARM allows ${MAX_RESOURCES} (${DOCS}).`, ...at('') });
  for (const [section, max, code] of [['parameters', MAX_PARAMETERS, 'deploy-too-many-parameters'], ['outputs', MAX_OUTPUTS, 'deploy-too-many-outputs']] as const) {
    const k = keyOf(template, section);
    const v = k ? (template as Record<string, unknown>)[k] : undefined;
    const count = isObject(v) ? Object.keys(v).length : 0;
    if (count > max) out.push({ code, severity: 'error', message: `The template declares ${count} ${section}; ARM allows ${max} (${DOCS}).`, ...at(`/${k}`) });
  }
  // The longest expression: a long one is found by walking the strings, without building pointers for all.
  let longest: { length: number; pointer: string } | undefined;
  const strings = (v: unknown, pointer: string, depth: number) => {
    if (depth > 256) return;
    if (typeof v === 'string') {
      if (v.length > MAX_EXPRESSION && isExpression(v) && (!longest || v.length > longest.length)) longest = { length: v.length, pointer };
    } else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${pointer}/${i}`, depth + 1));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) strings(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
  };
  strings(template, '', 0);
  if (longest) out.push({ code: 'deploy-expression-too-long', severity: 'error', message: `A template expression is ${longest.length} characters; ARM allows ${MAX_EXPRESSION} (${DOCS}).`, ...at(longest.pointer) });
  return out;
}
