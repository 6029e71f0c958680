// `offerkit init`: writes a new offer folder that builds as it is, for the chosen template set.
// The folder appears complete or not at all (written to a temp folder, then renamed).

import { basename, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { usageError } from '../diagnostics.js';
import { packagePath } from '../paths.js';
import { listTemplateSets, loadTemplateSet, shippedTemplateSet } from '../template-set/template-set.js';
import { createNewFolder } from '../fs/output-folder.js';
import { didYouMean } from '../util/nearest.js';
import { COPY_DATA_ACTIONS } from '../datasets/copy-needs.js';

export interface InitResult {
  dir: string;
  id: string;
  template: string;
  files: string[];
}

export function offerIdFrom(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-').slice(0, 50);
  return id.length >= 3 ? id : `${id}-offer`.replace(/^-/, '');
}

const titleCase = (id: string) => id.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');

export async function initOffer(dirArg: string, options: { template: string; id?: string }): Promise<InitResult> {
  const sets = await listTemplateSets();
  if (!sets.includes(options.template)) throw usageError(`Unknown template set "${options.template}".${didYouMean(options.template, sets)}`, `Available: ${sets.join(', ')}.`);
  const dir = resolve(dirArg);
  const id = options.id ?? offerIdFrom(basename(dir));
  if (!/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/.test(id)) throw usageError(`"${id}" is not a valid offer id (lower-case letters, digits and dashes, 3 to 50 characters).`, 'Pass one with --id.');
  const name = titleCase(id);
  const schemaRef = relative(dir, packagePath('schemas', 'offer.schema.json')).split('\\').join('/');
  const offer: Record<string, unknown> = {
    id,
    publisher: { name: 'Your Company Ltd.' },
    displayName: name,
    summary: `${name} runs in your Azure subscription and keeps your data there.`.slice(0, 100),
    description: { file: 'description.md' },
    terms: { file: 'terms.md' },
    privacyUrl: 'https://example.com/privacy',
    support: { name: 'Support team', email: 'support@example.com' },
    categories: { 'analytics-azure-apps': ['data-analytics'] },
    template: { set: options.template },
  };
  const shipped = await shippedTemplateSet(options.template);
  const loaded = await loadTemplateSet(shipped.root, shipped.shared);
  if (!loaded.set) throw usageError(`The template set "${options.template}" does not load: ${loaded.diagnostics.map((d) => d.message).join(' ')}`);
  // A set that copies Microsoft 365 data gets a small, valid request to start from; others need none.
  if (loaded.set.requires.includes('requiredData')) {
    Object.assign(offer, {
      requiredData: [
        {
          dataset: 'BasicDataSet_v0.User_v1',
          columns: ['id', 'displayName', 'department', 'jobTitle', 'officeLocation'],
          purpose: 'To group the analysis by department and office; no message content is read.',
        },
      ],
      schedule: { frequency: 'Day', interval: 1 },
      sink: { kind: 'adlsGen2', format: 'parquet' },
      policies: ['secure-transfer', 'minimum-tls', 'no-public-blob-access', 'infrastructure-encryption'],
    });
  }
  // A Synapse set's pipeline is published after installation by a Synapse Administrator, whom only someone who may
  // assign roles in the managed resource group can make: with CanNotDelete the customer's subscription Owners can
  // (offer/synapse-publishing.ts); ReadOnly would need a publisher authorization the new offer cannot know.
  const synapse = loaded.set.afterInstall?.publishScript !== undefined && loaded.set.requires.includes('requiredData');
  Object.assign(offer, {
    // With ReadOnly, the deny assignment must exempt the data actions the copy needs (offer-lock-denies-copy).
    management: synapse ? { lockLevel: 'CanNotDelete' } : loaded.set.requires.includes('requiredData') ? { lockLevel: 'ReadOnly', lockingPolicy: { allowedDataActions: COPY_DATA_ACTIONS } } : { lockLevel: 'ReadOnly' },
    plans: [{ id: 'standard', displayName: 'Standard', description: `${name}, standard plan.`, version: '1.0.0', price: { model: 'flat', amount: 100, currency: 'USD', billingTerm: 'month' } }],
  });
  const yamlText = `# yaml-language-server: $schema=${schemaRef}\n${stringify(offer, { lineWidth: 120 })}`;
  const files = new Map<string, string>([
    ['offer.yaml', yamlText],
    ['description.md', `# ${name}\n\nDescribe what ${name} does for the customer, what it deploys and what it needs.\n`],
    ['terms.md', `# Terms of service\n\nReplace this text with the terms the customer accepts by deploying ${name}.\n`],
  ]);
  await createNewFolder(dir, files, dirArg);
  return { dir: relative(process.cwd(), dir) || '.', id, template: options.template, files: [...files.keys()] };
}
