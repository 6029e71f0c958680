// What a customer does after the deployment succeeds, until the first data is copied, and how to stop: one
// model per plan, built from the offer and what its template set declares it deploys. The customer README,
// the managed application's Overview, the preview and the listing all say these steps from this model, so
// they cannot drift apart, and the datasets, columns and scope in it are the consent step's own texts.

import type { Offer, Plan } from '../offer/model.js';
import type { AfterInstallDeclaration } from '../template-set/template-set.js';
import { consentTexts } from './consent-text.js';
import { scheduleText } from './schedule-text.js';
import { COMPUTE_TYPE } from './copy-engine.js';


export interface NextStep {
  id: 'enable-data-connect' | 'entra-application' | 'register' | 'approve' | 'first-run' | 'check-resources' | 'revoke' | 'uninstall';
  title: string;
  /** One paragraph, plain words. */
  text: string;
  /** The values the step needs; `output` names the deployment output that holds the deployed value. */
  values: { label: string; value: string; output?: string }[];
}

export interface NextSteps {
  afterInstall: NextStep[];
  stopping: NextStep[];
}

export const ADMIN_CENTER = 'https://admin.microsoft.com';

const outputValue = (label: string, output: string | undefined, value: string) => ({ label, value, ...(output ? { output } : {}) });

/** Where the copy runs, in the words the steps use: the declared compute, Data Factory when none is declared. */
export function computeOf(declared: AfterInstallDeclaration | undefined): { kind: 'dataFactory' | 'synapse'; name: string; monitor: string } {
  const synapse = declared?.outputs.synapseWorkspace !== undefined || /synapse/i.test(declared?.compute ?? '');
  return synapse
    ? { kind: 'synapse', name: 'Synapse workspace', monitor: 'open the Synapse workspace below in Synapse Studio and its Monitor hub (Pipeline runs)' }
    : { kind: 'dataFactory', name: 'Data Factory', monitor: 'open the Data Factory below and its Monitor page' };
}

/** What a package creates outside its managed resource group, in words, and whether deleting the application leaves it. */
export interface OutsideResource {
  words: string;
  kept: boolean;
}

/**
 * `outside`: what the package creates outside its managed resource group (from its templates), when they are at
 * hand; without it nothing is claimed about what deleting the application leaves behind.
 */
export function nextSteps(offer: Offer, plan: Plan, declared: AfterInstallDeclaration | undefined, outside?: readonly OutsideResource[]): NextSteps {
  const kept = outside?.filter((o) => o.kept).map((o) => o.words) ?? [];
  const outputs = declared?.outputs ?? {};
  const compute = computeOf(declared);
  const engine = compute.kind === 'synapse'
    ? outputValue('Synapse workspace', outputs.synapseWorkspace, 'the Synapse workspace in the managed resource group')
    : outputValue('Data Factory', outputs.dataFactory, 'the Data Factory in the managed resource group');
  const storage = outputValue('Destination storage account', outputs.storageAccount, 'the storage account in the managed resource group');
  const container = outputValue('Container', outputs.container, offer.sink.container);
  const retention = typeof plan.inputs.retentionDays === 'number' ? plan.inputs.retentionDays : undefined;
  const afterInstall: NextStep[] = [];
  const stopping: NextStep[] = [];

  if (offer.requiredData.length) {
    afterInstall.push({
      id: 'enable-data-connect',
      title: 'Turn on Microsoft Graph Data Connect for your tenant',
      text: `A global administrator turns it on once per tenant in the Microsoft 365 admin center (${ADMIN_CENTER}): Settings › Org settings › Services › Microsoft Graph Data Connect. Skip this step if your tenant already uses Data Connect.`,
      values: [],
    });
    afterInstall.push({
      id: 'entra-application',
      title: 'Keep the Microsoft Entra application you entered',
      text: 'The copy signs in as the Microsoft Entra application whose client ID and secret you entered during installation. Keep it and its secret valid: when the secret expires, copies fail until you update it in the managed application.',
      values: [{ label: 'Application (client) ID', value: 'the one entered during installation' }],
    });
    afterInstall.push({
      id: 'register',
      title: 'Register the application with Microsoft Graph Data Connect',
      text: 'In the Azure portal, register that application with Microsoft Graph Data Connect, with exactly the values below: a registration that asks for more than this application needs will not match what it copies.',
      values: [
        { label: 'Subscription', value: 'the subscription you installed into' },
        { label: 'Resource group', value: 'the managed resource group of this application' },
        storage,
        { label: 'Compute type', value: declared?.compute ?? COMPUTE_TYPE[compute.kind] },
        ...offer.requiredData.flatMap((rd) => {
          const t = consentTexts(rd);
          return [
            { label: `Dataset ${rd.dataset.name}`, value: `${rd.dataset.title}` },
            { label: `Columns of ${rd.dataset.name}`, value: rd.columns.map((c) => c.name).join(', ') },
            { label: `Users of ${rd.dataset.name}`, value: t.users.replace(/^Users: /, '') },
            { label: `Date window of ${rd.dataset.name}`, value: t.dateWindow.replace(/^Date window: /, '') },
          ];
        }),
      ],
    });
    afterInstall.push({
      id: 'approve',
      title: 'Have a global administrator approve the registration',
      text: `Only a global administrator can approve it, in the Microsoft 365 admin center (${ADMIN_CENTER}): Settings › Org settings › Security & privacy › Microsoft Graph Data Connect applications. Until it is approved, every copy run fails and nothing leaves Microsoft 365. A new version of this application that asks for more data shows there as an update to approve again; until then the earlier approval applies.`,
      values: [],
    });
    afterInstall.push({
      id: 'first-run',
      title: 'See the first copy',
      text: `Copies run ${scheduleText(offer.schedule)} (times in UTC). Each run writes ${offer.sink.format === 'parquet' ? 'Parquet' : 'JSON'} files to the container below${retention ? `, kept ${retention} days` : ''}. To see a run, ${compute.monitor}, or the "Copy runs" metrics of this managed application.`,
      values: [storage, container, engine],
    });
    stopping.push({
      id: 'revoke',
      title: 'Stop the copies without uninstalling',
      text: `A global administrator declines or removes the approval (Microsoft 365 admin center › Settings › Org settings › Security & privacy › Microsoft Graph Data Connect applications). From then on no data leaves Microsoft 365: the runs still start on schedule and fail. What was already copied stays in the storage account${retention ? ` until it is ${retention} days old` : ''}; delete it there if you want it gone now.`,
      values: [],
    });
  } else {
    afterInstall.push({
      id: 'check-resources',
      title: 'Find what was deployed',
      text: outside?.length
        ? `What this application deployed is in its managed resource group, except: ${outside.map((o) => o.words).join('; ')}. The managed application's Overview in the Azure portal links to the group. There is nothing else to set up.`
        : 'Everything this application deployed is in its managed resource group; the managed application\'s Overview in the Azure portal links to it. There is nothing else to set up.',
      values: outputs.storageAccount ? [storage] : [],
    });
  }
  stopping.push({
    id: 'uninstall',
    title: 'Uninstall',
    text: `Deleting the managed application deletes its managed resource group and everything in it${offer.requiredData.length ? `, including the storage account with every copied file, the ${compute.name} and its logs` : ''}; Azure charges for them stop.${offer.requiredData.length ? ' Not deleted: the Microsoft Entra application, its Data Connect registration and the approval record; remove them yourself if you no longer need them.' : ''}${kept.length ? ` Not deleted: what it created outside the managed resource group (${kept.join('; ')}); remove it yourself if you no longer need it.` : outside && !offer.requiredData.length ? ` ${outside.length ? 'Nothing it created outside the managed resource group is left behind.' : 'Nothing outside the managed resource group is created, so nothing else is left behind.'}` : ''}`,
    values: [],
  });
  return { afterInstall, stopping };
}

/**
 * The steps as short plain text for the managed application's Overview in the portal: each title, with the
 * deployment outputs that name what to use (the portal lists the outputs beside it).
 */
export function nextStepsOverview(steps: NextSteps): string {
  const line = (s: NextStep, i: number) => {
    const outputs = [...new Set(s.values.filter((v) => v.output).map((v) => `${v.label.toLowerCase()}: output ${v.output}`))];
    return `${i + 1}. ${s.title}${outputs.length ? ` (${outputs.join('; ')})` : ''}.`;
  };
  const adminCenter = [...steps.afterInstall, ...steps.stopping].some((s) => s.text.includes(ADMIN_CENTER)) ? [`Microsoft 365 admin center: ${ADMIN_CENTER}`] : [];
  return [`After installation:`, ...steps.afterInstall.map(line), '', 'Stopping and uninstalling:', ...steps.stopping.map(line), '', ...adminCenter, 'The README.md of the package says each step in full.'].join('\n');
}

/** The steps as Markdown sections for the customer README. */
export function nextStepsMarkdown(steps: NextSteps): string {
  const out: string[] = ['## After installation', ''];
  const section = (list: NextStep[]) =>
    list.forEach((s, i) => {
      out.push(`${i + 1}. **${s.title}.** ${s.text}`);
      for (const v of s.values) out.push(`   - ${v.label}: ${v.value}${v.output ? ` (its name is the deployment output \`${v.output}\` of the managed application)` : ''}`);
    });
  section(steps.afterInstall);
  out.push('', '## Stopping and uninstalling', '');
  section(steps.stopping);
  out.push('');
  return out.join('\n');
}
