// What a customer does after the deployment succeeds, until the first data is copied, and how to stop: one
// model per plan, built from the offer and what its template set declares it deploys. The customer README,
// the managed application's Overview, the preview and the listing all say these steps from this model, so
// they cannot drift apart, and the datasets, columns and scope in it are the consent step's own texts.

import type { Offer, Plan } from '../offer/model.js';
import type { AfterInstallDeclaration } from '../template-set/template-set.js';
import { consentTexts } from './consent-text.js';
import { scheduleText } from './schedule-text.js';
import { COMPUTE_TYPE } from './copy-engine.js';
import { copyShape } from './copy-shape.js';
import { synapseAdministratorMakers, synapsePublishers } from '../offer/synapse-publishing.js';


export interface NextStep {
  id: 'enable-data-connect' | 'entra-application' | 'synapse-administrator' | 'publish-pipeline' | 'register' | 'approve' | 'first-run' | 'check-resources' | 'revoke' | 'uninstall';
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
/** Where the Data Connect registration is made (microsoft-graph-docs-contrib, data-connect-quickstart: aka.ms/mgdcinazure). */
export const REGISTRATION_PORTAL = 'https://aka.ms/mgdcinazure';


const outputValue = (label: string, output: string | undefined, value: string) => ({ label, value, ...(output ? { output } : {}) });

/** Where the copy runs, in the words the steps use: the declared compute, Data Factory when none is declared. */
export function computeOf(declared: AfterInstallDeclaration | undefined): { kind: 'dataFactory' | 'synapse'; name: string; monitor: string } {
  const synapse = declared?.outputs.synapseWorkspace !== undefined || /synapse/i.test(declared?.compute ?? '');
  return synapse
    ? { kind: 'synapse', name: 'Synapse workspace', monitor: 'open the "Copy runs" metrics of this managed application or, with audit logs on, the Log Analytics workspace of the managed resource group (tables SynapseIntegrationPipelineRuns and SynapseIntegrationActivityRuns); Synapse Studio\'s Monitor hub shows the runs only to a holder of a Synapse role, from a network the workspace\'s firewall admits' }
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
    const shape = copyShape(offer, plan);
    afterInstall.push({
      id: 'enable-data-connect',
      title: 'Turn on Microsoft Graph Data Connect for your tenant',
      text: `A global administrator turns it on once per tenant in the Microsoft 365 admin center (${ADMIN_CENTER}): Settings › Org settings › Services › Microsoft Graph Data Connect. Skip this step if your tenant already uses Data Connect.`,
      values: [],
    });
    // What offerkit's Data Connect sets deploy (they declare the destination's output): the object ID the form asks
    // for and the data role the template gives; a package from elsewhere is not said to do either.
    const ours = outputs.storageAccount !== undefined;
    const secretHome = compute.kind === 'synapse' ? 'in the Key Vault of the managed resource group' : 'in the Data Factory\'s linked services';
    afterInstall.push({
      id: 'entra-application',
      title: 'Keep the Microsoft Entra application you entered',
      text: `${ours ? 'The copy signs in as the Microsoft Entra application whose client ID, service principal object ID and secret you entered during installation: to Microsoft Graph Data Connect, and to the storage account it writes to, where the installation gave its service principal Storage Blob Data Contributor.' : 'The copy signs in as the Microsoft Entra application whose client ID and secret you entered during installation.'} Its owner, who registers it with Data Connect in the next steps, must be a member user of your tenant with a mailbox, not a guest (Entra ID › App registrations › the application › Owners). Keep the application and its secret valid: when the secret expires, copies fail until a new one is set${ours ? ` ${secretHome}, which takes write access to the managed resource group` : ''}.`,
      values: [
        { label: 'Application (client) ID', value: 'the one entered during installation' },
        ...(ours ? [{ label: 'Object ID of its service principal', value: 'the one entered during installation (Enterprise applications)' }] : []),
        { label: 'Owner', value: 'a member user of your tenant with a mailbox, not a guest' },
      ],
    });
    const script = declared?.publishScript;
    if (compute.kind === 'synapse' && script) {
      const makers = synapseAdministratorMakers(synapsePublishers(offer.management));
      afterInstall.push({
        id: 'synapse-administrator',
        title: 'Have someone made a Synapse Administrator of the workspace',
        text: `The copy pipeline is published after installation, and only a Synapse Administrator of the workspace can publish it: when Azure creates the workspace for the application, no one of yours or the publisher's becomes one. ${makers ? `${makers[0].toUpperCase()}${makers.slice(1)} can make someone one` : 'Someone who may assign roles on the workspace can make someone one (with this application\'s lock level and the publisher\'s access, no one may: ask the publisher)'}: in Synapse Studio (https://web.azuresynapse.net), open the workspace below, then Manage › Access control › Add, role Synapse Administrator. Synapse Studio and the next step reach the workspace only from a network its firewall admits: Azure services, and the range entered during installation, if any.`,
        values: [engine],
      });
      afterInstall.push({
        id: 'publish-pipeline',
        title: 'Publish the copy pipeline and start its schedule',
        text: `A Synapse Administrator of the workspace runs ${script}, from this application's package, with bash, Python 3 and the Azure CLI signed in (az login): \`bash ${script} --application <resource ID of this managed application>\`. It reads the workspace and the pipeline from the application's outputs (synapseWorkspaceName, synapseArtifacts), publishes the Key Vault, Office 365 and storage linked services, the datasets, the pipeline and the schedule trigger to the workspace, and starts the schedule. Run it again after each update of the application. It says so and stops when its user is not a Synapse Administrator or its network is not admitted.`,
        values: [engine, { label: 'Script', value: script }],
      });
    }
    const datasetValues = offer.requiredData.flatMap((rd) => {
      const t = consentTexts(rd);
      return [
        { label: `Dataset ${rd.dataset.name}`, value: `${rd.dataset.title}` },
        { label: `Columns of ${rd.dataset.name}`, value: rd.columns.map((c) => c.name).join(', ') },
        { label: `Users of ${rd.dataset.name}`, value: t.users.replace(/^Users: /, '') },
        { label: `Date window of ${rd.dataset.name}`, value: t.dateWindow.replace(/^Date window: /, '') },
      ];
    });
    const uri = shape.endpoint === 'dfs' ? 'Data Lake Storage Gen2 (DFS) URI, https://<storage account>.dfs.core.windows.net/, as the copy\'s linked service uses' : 'Blob URI, https://<storage account>.blob.core.windows.net/, as the copy\'s linked service uses';
    afterInstall.push({
      id: 'register',
      title: 'Register the application with Microsoft Graph Data Connect',
      text: `The application's owner registers it in the Azure portal (${REGISTRATION_PORTAL}) with exactly the values below: a registration that asks for more than this application copies, or names another destination, does not match its copies.`,
      values: [
        { label: 'Application ID', value: 'the application (client) ID entered during installation' },
        { label: 'Description', value: `${offer.displayName} by ${offer.publisher.name.replace(/\.$/, '')}` },
        { label: 'Publish type', value: 'Single-tenant (the application is registered in your own tenant)' },
        { label: 'Compute type', value: declared?.compute ?? COMPUTE_TYPE[compute.kind] },
        { label: 'Activity type', value: 'Copy activity' },
        { label: 'Subscription', value: 'the subscription you installed into' },
        { label: 'Resource group', value: 'the managed resource group of this application' },
        { label: 'Destination type', value: 'Azure Storage Account' },
        storage,
        { label: 'Storage account URI', value: uri },
        ...datasetValues,
      ],
    });
    afterInstall.push({
      id: 'approve',
      title: 'Have a global administrator approve the registration',
      text: `A global administrator who is not an owner of the application approves it in the Microsoft 365 admin center (${ADMIN_CENTER}): Settings › Org settings › Security & privacy › Microsoft Graph Data Connect applications. Until it is approved, every copy run fails and nothing leaves Microsoft 365. The approval covers the registration as it is: changing its datasets, columns, scope or destination needs approval again, and a new version of this application that asks for more data shows there as an update to approve; until then the earlier approval applies.`,
      values: [],
    });
    afterInstall.push({
      id: 'first-run',
      title: 'See the first copy',
      text: `Copies run ${scheduleText(offer.schedule)} (times in UTC). Each run writes ${shape.convert ? `the JSON Data Connect delivers to the folder ${shape.jsonFolder}/ of the container below, then the same columns as Parquet files; the JSON is deleted after ${shape.jsonDays} day${shape.jsonDays === 1 ? '' : 's'}` : 'JSON files to the container below'}${retention ? `, and the copied data is kept ${retention} days` : ''}. To see a run, ${compute.monitor}.`,
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
    const head = `${i + 1}. ${s.title}${outputs.length ? ` (${outputs.join('; ')})` : ''}.`;
    // The registration sheet is said in full: the portal asks for each of these values.
    if (s.id === 'register') return [head, ...s.values.map((v) => `   - ${v.label}: ${v.output ? `output ${v.output}` : v.value}`)].join('\n');
    const script = s.values.find((v) => v.label === 'Script')?.value;
    if (s.id === 'publish-pipeline' && script) return `${head} A Synapse Administrator runs: bash ${script} --application <resource ID of this managed application>`;
    return head;
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
