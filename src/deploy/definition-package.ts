// What a service-catalog definition will install: its own mainTemplate.json, not the local build. The definition
// is read first (a missing one is said before anything is created); when it carries the hash of the package
// offerkit published (the offerkit-package-sha256 tag) and that is the local build's, they are the same; else its
// template is read where ARM keeps it — the ApplicationResourceTemplate artifact ARM links with a read SAS, the
// inline mainTemplate, or the package at packageFileUri — and compared with the local one. When they differ, the
// definition's is the one preflighted and placed, and that is said; when it cannot be read at all, preflight
// can only check the local build, and that is said too.

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { UserError } from '../diagnostics.js';
import { describeAzureError, managedAppsClient, type AzureContext } from '../azure/clients.js';
import { TAG_SHA } from '../publish/service-catalog/desired.js';
import { inspectPackageBuffer } from '../package/inspect-package.js';
import { parseJsonSource } from '../util/json-source.js';
import { textOf } from '../util/text-of.js';
import type { TemplateFile } from './arm-errors.js';

export interface DefinitionPackage {
  id: string;
  name: string;
  resourceGroup: string;
  /** The template the install will deploy, and where it comes from. */
  template: TemplateFile;
  /** same: the local build is what it installs; differs: it installs another template; unread: not compared. */
  package: 'same' | 'differs' | 'unread';
  /** How that was found out. */
  evidence: string;
  diagnostics: Diagnostic[];
}

const DEFINITION_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Solutions\/applicationDefinitions\/([^/]+)$/i;

export function parseDefinitionId(id: string): { subscription: string; resourceGroup: string; name: string } | undefined {
  const m = DEFINITION_ID.exec(id);
  return m ? { subscription: m[1], resourceGroup: m[2], name: m[3] } : undefined;
}

/** JSON with every object's keys sorted: two templates that differ only in key order are the same template. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The definition's template text: its artifact, its inline template, or its package. */
async function readDefinitionTemplate(ctx: AzureContext, def: { artifacts?: { name?: string; uri?: string }[]; mainTemplate?: unknown; packageFileUri?: string }): Promise<{ text?: string; from?: string; problems: string[] }> {
  const { fetchPackageBytes } = await import('../azure/fetch-package.js');
  const problems: string[] = [];
  const artifact = def.artifacts?.find((a) => textOf(a.name).toLowerCase() === 'applicationresourcetemplate' && a.uri);
  if (artifact?.uri) {
    try {
      return { text: (await fetchPackageBytes(artifact.uri, ctx.retry)).toString('utf8').replace(/^\uFEFF/, ''), from: 'the definition\'s ApplicationResourceTemplate artifact', problems };
    } catch (e) {
      problems.push(`its ApplicationResourceTemplate artifact could not be read (${describeAzureError(e)})`);
    }
  }
  if (def.mainTemplate !== undefined && def.mainTemplate !== null) return { text: typeof def.mainTemplate === 'string' ? def.mainTemplate : JSON.stringify(def.mainTemplate, null, 2), from: 'the definition\'s inline mainTemplate', problems };
  if (def.packageFileUri) {
    try {
      const zip = inspectPackageBuffer(await fetchPackageBytes(def.packageFileUri, ctx.retry), 'package');
      const main = zip.contents.get('mainTemplate.json');
      if (main) return { text: main.toString('utf8').replace(/^\uFEFF/, ''), from: 'the package at the definition\'s packageFileUri', problems };
      problems.push('the package at its packageFileUri holds no mainTemplate.json');
    } catch (e) {
      problems.push(`the package at its packageFileUri could not be read (${describeAzureError(e)})`);
    }
  }
  if (!problems.length) problems.push('it links no template offerkit can read');
  return { problems };
}

/** The definition an install uses and the template it will deploy (see the module comment). */
export async function definitionPackage(ctx: AzureContext, definitionId: string, local: { template: TemplateFile; sha256?: string }, hint: string): Promise<DefinitionPackage> {
  const parsed = parseDefinitionId(definitionId);
  if (!parsed) throw new UserError({ code: 'deploy-no-definition', severity: 'error', message: `--definition ${JSON.stringify(definitionId)} is not an application definition's resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Solutions/applicationDefinitions/…).` }, 2);
  // A definition may live in another subscription of the tenant: it is read there.
  const apps = await managedAppsClient(parsed.subscription.toLowerCase() === ctx.subscription.toLowerCase() ? ctx : { ...ctx, subscription: parsed.subscription });
  const missing = () => new UserError({ code: 'deploy-no-definition', severity: 'error', message: `There is no application definition ${parsed.name} in resource group ${parsed.resourceGroup}; nothing was created.`, hint }, 1);
  let def: Awaited<ReturnType<typeof apps.applicationDefinitions.get>>;
  try {
    def = await apps.applicationDefinitions.get(parsed.resourceGroup, parsed.name);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    throw missing();
  }
  // The client answers a 404 (the swagger lists it as a response of GET) with an empty definition, not an error.
  if (!def.id) throw missing();
  const base = { id: textOf(def.id ?? definitionId), name: parsed.name, resourceGroup: parsed.resourceGroup };
  const published = textOf(def.tags?.[TAG_SHA] ?? '');
  if (published && local.sha256 && published === local.sha256) return { ...base, template: local.template, package: 'same', evidence: `the definition's package hash (sha256 ${published.slice(0, 12)}…) is the local build's`, diagnostics: [] };
  const read = await readDefinitionTemplate(ctx, def);
  if (read.text !== undefined) {
    const source = parseJsonSource(read.text);
    if (source.value !== undefined && canonical(source.value) === canonical(local.template.source.value)) return { ...base, template: local.template, package: 'same', evidence: `${read.from} is the local build's mainTemplate.json`, diagnostics: [] };
    if (source.value !== undefined) {
      const display = `definition ${parsed.name}/mainTemplate.json`;
      return {
        ...base,
        template: { source, display },
        package: 'differs',
        evidence: `${read.from} differs from the local build's mainTemplate.json`,
        diagnostics: [{ code: 'deploy-definition-differs', severity: 'warning', message: `Definition ${parsed.name} installs another mainTemplate.json than ${local.template.display} (${published && local.sha256 ? `package sha256 ${published.slice(0, 12)}… published, ${local.sha256.slice(0, 12)}… built` : `read from ${read.from}`}): the preflight and every finding below are about the definition's template, which is what the install deploys.`, file: local.template.display, hint: 'Publish the plan again (offerkit publish … --to service-catalog) to install the local build, or deploy it as it is with --inline.' }],
      };
    }
    read.problems.push(`${read.from} is not JSON`);
  }
  const why = read.problems.join('; ');
  if (published && local.sha256) {
    throw new UserError({ code: 'deploy-definition-differs', severity: 'error', message: `Definition ${parsed.name} holds another package (sha256 ${published.slice(0, 12)}…) than the local build (sha256 ${local.sha256.slice(0, 12)}…), and its template cannot be read to check what it would install: ${why}. Nothing was created.`, file: local.template.display, hint: 'Publish the plan again (offerkit publish … --to service-catalog), or deploy the local build with --inline.' }, 1);
  }
  return { ...base, template: local.template, package: 'unread', evidence: why, diagnostics: [{ code: 'deploy-definition-unread', severity: 'warning', message: `The package of definition ${parsed.name} could not be compared with ${local.template.display} (${why}): the preflight checks the local build, which may not be what the definition installs.`, file: local.template.display }] };
}

/** The sha256 of a package's bytes, as publish tags a definition with it. */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
