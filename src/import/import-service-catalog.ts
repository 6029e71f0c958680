// `offerkit init <dir> --from service-catalog --resource-group <rg> --name <definition>`: a new offer folder from
// a Microsoft.Solutions/applicationDefinitions resource. The package comes from its packageFileUri (downloaded
// through the SDK pipeline; the URL carries a SAS and is never shown or written) or from its inline templates;
// lock level, authorizations and policies from its properties; an offerkit definition's tags give the plan id
// and version.

import type { AzureContext } from '../azure/clients.js';
import { fetchPackageBytes } from '../azure/fetch-package.js';
import { UserError } from '../diagnostics.js';
import { inspectPackageBuffer } from '../package/inspect-package.js';
import { showDefinition } from '../publish/service-catalog/definitions.js';
import { TAG_PLAN, TAG_PLAN_VERSION } from '../publish/service-catalog/desired.js';
import { stableJson } from '../util/stable-json.js';
import { importFrom, type ImportResult } from './import-package.js';

const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$/;

export async function importServiceCatalog(dirArg: string, ctx: AzureContext, resourceGroup: string, name: string, options: { id?: string } = {}): Promise<ImportResult> {
  const shown = `definition ${name} (resource group ${resourceGroup})`;
  const d = await showDefinition(ctx, resourceGroup, name);
  if (!d) throw new UserError({ code: 'import-definition-missing', severity: 'error', message: `There is no ${shown} in subscription ${ctx.subscription}.`, hint: 'offerkit definitions list --resource-group <rg> lists them.' }, 1);
  let files: Map<string, Buffer>;
  if (d.packageFileUri) {
    let bytes: Buffer;
    try {
      bytes = await fetchPackageBytes(d.packageFileUri, ctx.retry);
    } catch (e) {
      // The URL carries a SAS: the message names the definition, never the URL.
      const status = (e as { statusCode?: number }).statusCode;
      throw new UserError({ code: 'import-package-unreadable', severity: 'error', message: `The package of ${shown} could not be downloaded (${status ? `HTTP ${status}` : (e as Error).message.split('?')[0]}).` }, 1);
    }
    const pkg = inspectPackageBuffer(bytes, `the package of ${name}`);
    const errors = pkg.diagnostics.filter((x) => x.severity === 'error' && x.code !== 'package-missing-root-file');
    if (errors.length) throw new UserError(errors, 1);
    files = pkg.contents;
  } else if (d.mainTemplate !== undefined && d.createUiDefinition !== undefined) {
    files = new Map([
      ['mainTemplate.json', Buffer.from(stableJson(d.mainTemplate))],
      ['createUiDefinition.json', Buffer.from(stableJson(d.createUiDefinition))],
    ]);
  } else {
    throw new UserError({ code: 'import-not-a-package', severity: 'error', message: `${shown} has neither a packageFileUri nor inline templates.` }, 1);
  }
  const { packageFileUri: _uri, mainTemplate: _main, createUiDefinition: _ui, ...properties } = d;
  const planId = d.tags[TAG_PLAN];
  const planVersion = d.tags[TAG_PLAN_VERSION];
  return importFrom(dirArg, {
    files,
    shown,
    definition: properties,
    plan: { ...(planId && PLAN_ID.test(planId) ? { id: planId } : {}), ...(planVersion && /^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(planVersion) ? { version: planVersion } : {}) },
  }, options);
}
