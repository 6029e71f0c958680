// A managed application package is mainTemplate.json + createUiDefinition.json at the root.

import { defineRule } from '../rule.js';

export default defineRule({
  id: 'managedapp-package-layout',
  description: 'A managed application package needs mainTemplate.json and createUiDefinition.json at its root (ARM deploys mainTemplate.json; azuredeploy.json is not used).',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const p = ctx.package;
    if (p.kind === 'file') return;
    const root = p.files.filter((f) => !f.path.includes('/')).map((f) => f.path);
    // A root file refused for its size is there: its file-too-large finding is the one that says what to fix.
    for (const d of p.diagnostics) {
      const rel = d.code !== 'file-too-large' || !d.file ? undefined : p.label === '.' ? d.file : d.file.startsWith(`${p.label}/`) ? d.file.slice(p.label.length + 1) : undefined;
      if (rel && !rel.includes('/')) root.push(rel);
    }
    if (!root.includes('mainTemplate.json') && p.kind !== 'zip') {
      const alt = root.find((n) => n.toLowerCase() === 'maintemplate.json' || n.toLowerCase() === 'azuredeploy.json');
      ctx.report({ message: alt ? `${p.label} has ${alt} but no mainTemplate.json; a managed application package must name its template exactly mainTemplate.json.` : `${p.label} has no mainTemplate.json at its root.` });
    } else if (root.includes('mainTemplate.json') && root.some((n) => n.toLowerCase() === 'azuredeploy.json')) {
      ctx.report({ message: `${p.label} has both azuredeploy.json and mainTemplate.json; arm-ttk tests azuredeploy.json as the main template, while a managed application deploys mainTemplate.json. Move azuredeploy.json out of the package folder.`, severity: 'warning' });
    }
    if (!root.includes('createUiDefinition.json') && p.kind !== 'zip') {
      const alt = root.find((n) => n.toLowerCase() === 'createuidefinition.json');
      ctx.report({ message: alt ? `${p.label} has ${alt}; the name must be exactly createUiDefinition.json.` : `${p.label} has no createUiDefinition.json at its root.` });
    }
  },
});
