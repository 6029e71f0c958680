// Cloud-specific host names break deployments in sovereign clouds; use environment() instead.

import { keyOf } from '../../arm/template.js';
import { defineRule } from '../rule.js';
import { pointerAt, textHits } from './template-text.js';

const HOSTS = ['management.core.windows.net', 'gallery.azure.com', 'management.azure.com', 'database.windows.net', 'core.windows.net', 'login.microsoftonline.com', 'graph.windows.net', 'vault.azure.net', 'datalake.azure.net', 'azuredatalakestore.net', 'azuredatalakeanalytics.net', 'api.loganalytics.io', 'asazure.windows.net', 'region.asazure.windows.net', 'batch.core.windows.net'];
const RE = new RegExp(HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|'), 'gi');

export default defineRule({
  id: 'deploymenttemplate-must-not-contain-hardcoded-uri',
  armTtk: 'DeploymentTemplate-Must-Not-Contain-Hardcoded-Uri',
  description: 'The template must not contain Azure public-cloud host names (core.windows.net, management.azure.com, …) outside parameters; derive them from environment().',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    const pk = keyOf(ctx.template, 'parameters');
    const params = pk ? ctx.file.json.span(`${ctx.base}/${pk}`) : undefined;
    const text = ctx.file.text;
    const seen = new Set<string>();
    for (const hit of textHits(ctx, RE)) {
      if (params && hit.index >= params[0] && hit.index < params[1]) continue;
      if (/https:\/\/schema\.$/i.test(text.slice(Math.max(0, hit.index - 15), hit.index))) continue;
      if (/https:\/\/devopsgallerystorage\.blob\.$/i.test(text.slice(Math.max(0, hit.index - 40), hit.index))) continue;
      // The longest host name wins: "batch.core.windows.net" is reported once, not also as "core.windows.net".
      const pointer = pointerAt(ctx, hit.index);
      const key = `${pointer}|${hit.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({ message: `Hard-coded host name "${hit.text}": it only exists in the Azure public cloud.`, pointer, hint: 'Use environment() (e.g. environment().suffixes.storage) or reference(...).primaryEndpoints.' });
    }
  },
});
