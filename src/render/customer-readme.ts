// The README.md shipped in each package and beside it in dist/: what the customer installs, the data it
// requests, the policies in plain words, the price, install time, support and terms.

import type { Offer, Plan } from '../offer/model.js';
import type { JsonObject } from '../arm/template.js';
import { consentTexts } from '../package-model/consent-text.js';
import { deployedResourceWords, lockLevelText, outsideWords, publisherAccessText } from './plain-words.js';
import { deployedResources, type PackageJson } from '../package-model/deployed-resources.js';
import { meteringText, priceText, scheduleText } from '../package-model/schedule-text.js';
import { computeOf, nextSteps, nextStepsMarkdown } from '../package-model/next-steps.js';
import { copyShape } from '../package-model/copy-shape.js';
import type { AfterInstallDeclaration } from '../template-set/template-set.js';
import { trimTrailing } from '../util/trim-trailing.js';

/**
 * Markdown placed under a heading of `level`: its own headings are moved below that level, so the README keeps
 * one `#` title (a terms file starting with `# Terms` becomes `### Terms`). Fenced code is left alone.
 */
export function underHeading(markdown: string, level: number): string {
  let fence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
      if (fence) return line;
      const m = /^(#{1,6})(\s.*)$/.exec(line);
      return m ? `${'#'.repeat(Math.min(6, m[1].length + level))}${m[2]}` : line;
    })
    .join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The README; `changesSection` ("What changes in this version", when a baseline was compared) follows the opening
 * lines. `packageJson`, the package's other JSON files, lets "What gets deployed" list what linked templates create.
 * It says what the package's templates do: the copy's words only when the offer copies Microsoft 365 data.
 */
export function customerReadme(offer: Offer, plan: Plan, mainTemplate: JsonObject, set: { installMinutes: number; afterInstall?: AfterInstallDeclaration }, changesSection?: string, packageJson?: PackageJson): string {
  const installMinutes = set.installMinutes;
  const out: string[] = [];
  out.push(`# ${offer.displayName} — ${plan.displayName}`, '', offer.summary, '');
  out.push(`Publisher: ${offer.publisher.name} · Plan version ${plan.version} · ${priceText(plan.price)}`, '');
  if (changesSection) out.push(trimTrailing(changesSection), '');

  out.push('## What gets deployed', '');
  const deployed = deployedResources(mainTemplate, packageJson);
  const outside = outsideWords(deployed);
  const anyOutside = outside.length > 0;
  const region = offer.regions.allowed.length ? `, in one of these regions: ${offer.regions.allowed.join(', ')}` : ', in the region you choose';
  out.push(`${anyOutside ? `It is created in a new managed resource group of your subscription${region}, except what the table marks as outside it` : `Everything is created in a new managed resource group of your subscription${region}`}. Installation takes about ${installMinutes} minutes.`, '');
  const counts = deployedResourceWords(deployed, { copiesData: offer.requiredData.length > 0 });
  out.push('| Resource | Count |', '| --- | --- |');
  for (const [words, n] of counts) out.push(`| ${cell(words)} | ${n} |`);
  out.push('');

  if (offer.requiredData.length) {
    out.push('## Data requested (Microsoft Graph Data Connect)', '');
    out.push('Nothing is copied until a Microsoft 365 administrator of your tenant approves this request. Only these datasets and columns are requested; every other column stays in Microsoft 365.', '');
    const shape = copyShape(offer, plan);
    out.push(`The copy runs ${scheduleText(offer.schedule)} (times in UTC) and writes to a storage account in the managed resource group (container \`${offer.sink.container}\`, ${offer.sink.format === 'parquet' ? 'Parquet' : 'JSON'} files${typeof plan.inputs.retentionDays === 'number' ? `, kept ${plan.inputs.retentionDays} days` : ''}).${shape.jsonText ? ` ${shape.jsonText}` : ''} It signs in to Microsoft 365 and to that storage account as the Microsoft Entra application you enter during installation.`, '');
    for (const rd of offer.requiredData) {
      const t = consentTexts(rd);
      out.push(`### ${rd.dataset.title} (\`${rd.dataset.name}\`)`, '');
      out.push(`**Purpose:** ${rd.purpose}`, '');
      out.push(`- ${t.dateWindow}`, `- ${t.users}`, '');
      out.push('| Column | Type | What it holds |', '| --- | --- | --- |');
      for (const c of rd.columns) out.push(`| \`${c.name}\` | ${c.type} | ${cell(c.description)} |`);
      out.push('');
    }
  }

  if (offer.policies.length) {
    out.push('## Policies', '', 'These Azure policies are assigned to the managed resource group and stay in force for the life of the application:', '');
    for (const p of offer.policies) out.push(`- **${p.policy.displayName}.** ${p.policy.guarantee} (Azure Policy: ${p.policy.builtInDisplayName}, \`${p.policy.policyDefinitionId}\`)`);
    out.push('');
  }

  out.push('## Publisher access', '', `- ${lockLevelText(offer.management.lockLevel)}`);
  for (const line of publisherAccessText(offer.management)) out.push(`- ${line}`);
  out.push('');

  const billed = offer.requiredData.length
    ? `Azure resources (storage, ${computeOf(set.afterInstall).kind === 'synapse' ? 'Synapse pipeline runs' : 'Data Factory runs'}, Microsoft Graph Data Connect extraction) are billed separately at Azure prices.`
    : counts.size ? 'The Azure resources it creates (listed under "What gets deployed") are billed separately to your subscription at Azure prices.' : 'It creates no Azure resources of its own.';
  out.push('## Price', '', `${priceText(plan.price)}, billed through Azure. ${billed}`, '');
  const metering = meteringText(plan.price);
  if (metering) out.push(metering, '');
  out.push('## Support', '', `${offer.support.name} — ${offer.support.email}${offer.support.phone ? ` · ${offer.support.phone}` : ''}${offer.support.url ? ` · ${offer.support.url}` : ''}`, '', `Privacy policy: ${offer.privacyUrl}`, '');
  out.push(nextStepsMarkdown(nextSteps(offer, plan, set.afterInstall, outside)));
  out.push('## Terms of service', '', underHeading(offer.terms.trim(), 2), '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
