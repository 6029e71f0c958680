// What is published, as a baseline (publish implements changes/'s Baseline port; changes never imports publish): the service-catalog definition of each plan (its package, downloaded
// through the SDK pipeline, or its inline templates, and its properties), or the offer in Partner Center (the
// technical configuration of each plan in the live — or preview — submission; Partner Center does not give a
// processed package back, so its content is compared by the SHA-256 offerkit puts in the package file name).

import type { AzureContext } from '../azure/clients.js';
import { fetchPackageBytes } from '../azure/fetch-package.js';
import type { PartnerCenterClient, PcResource } from '../azure/partner-center.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Offer } from '../offer/model.js';
import { inspectPackageBuffer } from '../package/inspect-package.js';
import { showDefinition } from './service-catalog/definitions.js';
import { definitionName, TAG_PLAN_VERSION, type DefinitionModel } from './service-catalog/desired.js';
import { PACKAGE_RESOURCE_TYPE, shaInFileName } from './marketplace/desired.js';
import { enc, findProduct, liveSubmission, previewSubmission, ProductView } from './marketplace/product.js';
import { stableJson } from '../util/stable-json.js';
import { policiesFromDefinition, type PlanFacts } from '../changes/facts.js';
import { factsFromPackage } from '../changes/facts.js';
import type { Baseline } from '../changes/baseline.js';

export async function serviceCatalogBaseline(offer: Offer, planIds: readonly string[], ctx: AzureContext, resourceGroup: string): Promise<Baseline> {
  const plans = new Map<string, PlanFacts>();
  const diagnostics: Diagnostic[] = [];
  for (const plan of offer.plans.filter((p) => !planIds.length || planIds.includes(p.id))) {
    const name = definitionName(offer.id, plan.id);
    const d: DefinitionModel | undefined = await showDefinition(ctx, resourceGroup, name);
    if (!d) continue;
    let files: Map<string, Buffer> | undefined;
    if (d.packageFileUri) {
      try {
        const pkg = inspectPackageBuffer(await fetchPackageBytes(d.packageFileUri, ctx.retry), `the package of ${name}`);
        diagnostics.push(...pkg.diagnostics.filter((x) => x.severity === 'error'));
        files = pkg.contents;
      } catch (e) {
        // The URL carries a SAS: the message names the definition, never the URL.
        diagnostics.push({ code: 'changes-baseline-unreadable', severity: 'warning', message: `The package of definition ${name} could not be downloaded (${(e as { statusCode?: number }).statusCode ? `HTTP ${(e as { statusCode?: number }).statusCode}` : (e as Error).message.split('?')[0]}); only its properties are compared.` });
      }
    } else if (d.mainTemplate !== undefined) {
      files = new Map([['mainTemplate.json', Buffer.from(stableJson(d.mainTemplate))], ...(d.createUiDefinition !== undefined ? [['createUiDefinition.json', Buffer.from(stableJson(d.createUiDefinition))] as [string, Buffer]] : [])]);
    }
    const version = d.tags?.[TAG_PLAN_VERSION];
    const facts = factsFromPackage(plan.id, files ?? new Map(), { definition: d, ...(version ? { version } : {}) });
    if (!files) {
      delete facts.data;
      delete facts.form;
      delete facts.resources;
      delete facts.content;
      delete facts.regions;
      delete facts.access.jit;
    }
    plans.set(plan.id, facts);
  }
  return { name: `the service catalog (resource group ${resourceGroup})`, kind: 'service-catalog', plans, complete: true, diagnostics };
}

export async function marketplaceBaseline(offer: Offer, planIds: readonly string[], client: PartnerCenterClient, target: 'live' | 'preview'): Promise<Baseline> {
  const diagnostics: Diagnostic[] = [];
  const plans = new Map<string, PlanFacts>();
  const name = `the marketplace (${target})`;
  const found = await findProduct(client, offer.id, offer.publish.marketplace.productId);
  if (!found?.id) return { name, kind: 'marketplace', plans, complete: true, diagnostics: [{ code: 'changes-baseline-absent', severity: 'info', message: `Partner Center has no offer ${offer.id}: every plan is new.` }] };
  const product = new ProductView(client, found.id);
  const subs = await product.submissions();
  const sub = target === 'live' ? liveSubmission(subs) : previewSubmission(subs);
  if (!sub) return { name, kind: 'marketplace', plans, complete: true, diagnostics: [{ code: 'changes-baseline-absent', severity: 'info', message: `Nothing of offer ${offer.id} is in ${target} yet: every plan is new.` }] };
  const variants = (await product.variants()).filter((v) => v.resourceType === 'AzureSkuVariant');
  for (const vr of sub.variantResources ?? []) {
    const plan = variants.find((v) => v.id === vr.variantID)?.externalID;
    if (typeof plan !== 'string' || (planIds.length && !planIds.includes(plan))) continue;
    const pkgInstance = vr.resources.find((r) => r.type === 'Package')?.value;
    const conf: PcResource | undefined = pkgInstance ? await product.byInstance('packageConfigurations', pkgInstance) : undefined;
    if (!conf) continue;
    const ref = ((conf.packageReferences as { type: string; value: string }[] | undefined) ?? []).find((r) => r.type === PACKAGE_RESOURCE_TYPE)?.value;
    const pkg = ref ? await client.find(product.path(`packages/${enc(ref)}`)) : undefined;
    const sha = shaInFileName(pkg?.fileName);
    const auths = (conf.publicAzureAuthorizations as { principalID: string; roleDefinitionID: string }[] | undefined) ?? [];
    // Control-plane and data-plane actions travel apart in Partner Center; the comparison takes both, as the definition's.
    const actions = [...((conf.allowedCustomerActions as string[] | undefined) ?? []), ...((conf.allowedDataActions as string[] | undefined) ?? [])];
    const facts: PlanFacts = {
      plan,
      ...(typeof conf.version === 'string' ? { version: conf.version } : {}),
      policies: policiesFromDefinition({ policies: ((conf.policies as { policyName?: string; policyDefinitionID?: string; policyParameters?: string }[] | undefined) ?? []).map((p) => ({ ...(p.policyName ? { name: p.policyName } : {}), ...(p.policyDefinitionID ? { policyDefinitionId: p.policyDefinitionID } : {}), ...(p.policyParameters ? { parameters: p.policyParameters } : {}) })) }),
      access: {
        authorizations: auths.map((a) => `${a.principalID} ${a.roleDefinitionID}`.toLowerCase()).sort(),
        allowedActions: [...actions].sort(),
      },
      ...(sha ? { packageSha256: sha } : {}),
    };
    plans.set(plan, facts);
  }
  if (!plans.size) diagnostics.push({ code: 'changes-baseline-absent', severity: 'info', message: `The ${target} submission of offer ${offer.id} holds no technical configuration offerkit can read.` });
  return { name, kind: 'marketplace', plans, complete: true, diagnostics };
}
