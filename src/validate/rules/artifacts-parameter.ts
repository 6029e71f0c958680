// _artifactsLocation / _artifactsLocationSasToken: the staging-location convention for linked artifacts.

import { findParameter, keyOf, prop } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';

const QUICKSTART = 'https://raw.githubusercontent.com/azure/azure-quickstart-templates/';

export default defineRule({
  id: 'artifacts-parameter',
  armTtk: 'artifacts-parameter',
  description: 'When _artifactsLocation is declared it must be a string with a secureString _artifactsLocationSasToken; in the main template both need defaults (deployment().properties.templateLink…), in other templates neither may have one.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const loc = findParameter(ctx.template, '_artifactsLocation');
    if (!loc) return;
    const at = (p: { pointer: string }) => ctx.base + p.pointer;
    if (!['string', 'securestring'].includes(loc.type)) ctx.report({ message: `_artifactsLocation must be of type string or secureString, not ${JSON.stringify(prop(loc.decl, 'type'))}.`, pointer: at(loc) });
    const sas = findParameter(ctx.template, '_artifactsLocationSasToken');
    if (!sas) ctx.report({ message: '_artifactsLocation is declared without _artifactsLocationSasToken.', pointer: at(loc), hint: 'Add "_artifactsLocationSasToken": { "type": "secureString", "defaultValue": "" }.' });
    else if (sas.type !== 'securestring') ctx.report({ message: `_artifactsLocationSasToken must be of type secureString, not ${JSON.stringify(prop(sas.decl, 'type'))}.`, pointer: at(sas) });
    const locDefKey = keyOf(loc.decl, 'defaultValue');
    const locDef = locDefKey ? loc.decl[locDefKey] : undefined;
    const sasDefKey = sas ? keyOf(sas.decl, 'defaultValue') : undefined;
    if (ctx.isMainTemplate) {
      const text = typeof locDef === 'string' ? locDef : '';
      if (!text) ctx.report({ message: '_artifactsLocation needs a default value in the main template.', pointer: at(loc), hint: 'Use "[deployment().properties.templateLink.uri]".' });
      else if (!text.toLowerCase().startsWith(QUICKSTART) && !/deployment\(\)\.properties\.templatelink/i.test(text)) {
        ctx.report({ message: `The default of _artifactsLocation (${JSON.stringify(text)}) must be derived from deployment().properties.templateLink.`, pointer: appendPointer(at(loc), locDefKey!) });
      }
      if (sas && sasDefKey === undefined) ctx.report({ message: '_artifactsLocationSasToken needs a defaultValue in the main template (the empty string is fine).', pointer: at(sas) });
    } else {
      if (locDef !== undefined && locDef !== '' && locDef !== null) ctx.report({ message: '_artifactsLocation must not have a default value outside the main template; the caller passes it.', pointer: appendPointer(at(loc), locDefKey!) });
      const sasDef = sas && sasDefKey ? sas.decl[sasDefKey] : undefined;
      if (sasDef !== undefined && sasDef !== '' && sasDef !== null) ctx.report({ message: '_artifactsLocationSasToken must not have a default value outside the main template.', pointer: appendPointer(at(sas!), sasDefKey!) });
    }
  },
});
