// createUiDefinition must declare the 0.1.2-preview schema exactly, and the matching version.

import { keyOf, prop } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { textOf } from '../../util/text-of.js';

export const CUID_SCHEMA = 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#';

export default defineRule({
  id: 'createuidefinition-should-have-schema',
  armTtk: 'CreateUIDefinition-Should-Have-Schema',
  description: `createUiDefinition must have "$schema": "${CUID_SCHEMA}" and "version": "0.1.2-preview".`,
  defaultSeverity: 'error',
  target: 'createUiDefinition',
  check(ctx) {
    const schema = prop(ctx.ui, '$schema');
    if (schema === undefined) ctx.report({ message: 'createUiDefinition has no $schema.', pointer: '', hint: `Add "$schema": "${CUID_SCHEMA}".` });
    else if (schema !== CUID_SCHEMA) ctx.report({ message: `createUiDefinition $schema is ${JSON.stringify(schema)}; it must be exactly ${CUID_SCHEMA} (case and trailing # included).`, pointer: `/${keyOf(ctx.ui, '$schema')}` });
    const version = prop(ctx.ui, 'version');
    const expected = /\/schemas\/([^/]+)\//.exec(typeof schema === 'string' ? schema : '')?.[1] ?? '0.1.2-preview';
    if (version === undefined) ctx.report({ message: 'createUiDefinition has no version.', pointer: '', hint: 'Add "version": "0.1.2-preview".' });
    else if (textOf(version).toLowerCase() !== expected.toLowerCase()) ctx.report({ message: `createUiDefinition version is ${JSON.stringify(version)}; it must match the schema version ${expected}.`, pointer: `/${keyOf(ctx.ui, 'version')}` });
  },
});
