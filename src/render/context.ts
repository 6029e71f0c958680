// What a template set sees when it renders a plan. Every field is always present (null or false when
// not applicable), because templates are compiled in strict mode: a typo in a template is an error,
// not an empty string in the package.

import type { Offer, Plan } from '../offer/model.js';
import { OFFERKIT_VERSION } from '../version.js';
import { consentTexts } from '../package-model/consent-text.js';
import { nextSteps, nextStepsOverview } from '../package-model/next-steps.js';
import type { AfterInstallDeclaration } from '../template-set/template-set.js';
import { adfTimeout, priceText, scheduleText } from '../package-model/schedule-text.js';
import { copyShape } from '../package-model/copy-shape.js';
import { dataConnectRegions } from '../datasets/catalog.js';
import { synapseAdministratorMakers, synapsePublishers } from '../offer/synapse-publishing.js';

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function buildRenderContext(offer: Offer, plan: Plan, libraryPolicyIds: Iterable<string>, afterInstall?: AfterInstallDeclaration): Record<string, unknown> {
  const attached = new Map(offer.policies.map((p) => [p.policy.id, p.parameters]));
  const policy: Record<string, boolean> = {};
  for (const id of libraryPolicyIds) policy[camel(id)] = attached.has(id);
  const inputs = plan.inputs;
  const schedule = offer.schedule
    ? { frequency: offer.schedule.frequency, interval: offer.schedule.interval, startTime: offer.schedule.startTime ?? null, text: `Copies run ${scheduleText(offer.schedule)} (UTC).` }
    : { frequency: null, interval: null, startTime: null, text: 'No schedule.' };
  const isAdls = offer.sink.kind === 'adlsGen2';
  const isParquet = offer.sink.format === 'parquet';
  const shape = copyShape(offer, plan);
  const requiredData = offer.requiredData.map((rd, i) => ({
    index: i + 1,
    key: rd.dataset.name.split('.').pop()!.toLowerCase(),
    dataset: rd.dataset.name,
    title: rd.dataset.title,
    description: rd.dataset.description,
    columns: rd.columns.map((c) => c.name),
    dateFilter: rd.dateFilter ? { column: rd.dateFilter.column, rollingDays: rd.dateFilter.rollingDays ?? null, start: rd.dateFilter.start ?? null, end: rd.dateFilter.end ?? null } : null,
    allowedGroups: rd.scope.allUsers ? null : rd.scope.groups,
    purpose: rd.purpose,
    consent: consentTexts(rd),
    // Where each run's files go under the container: the JSON the Office 365 copy writes, and the Parquet of the second copy.
    folders: shape.folders(rd),
  }));
  // An offer that copies Microsoft 365 data and names no regions may still be installed only where Data Connect serves.
  const allowedRegions = offer.regions.allowed.length || !offer.requiredData.length ? offer.regions.allowed : dataConnectRegions();
  const retention = typeof inputs.retentionDays === 'number' ? inputs.retentionDays : null;
  return {
    offerkit: { version: OFFERKIT_VERSION },
    offer: {
      id: offer.id,
      displayName: offer.displayName,
      summary: offer.summary,
      publisherName: offer.publisher.name,
      privacyUrl: offer.privacyUrl,
      supportEmail: offer.support.email,
      supportName: offer.support.name,
    },
    plan: { id: plan.id, displayName: plan.displayName, description: plan.description, version: plan.version, priceText: priceText(plan.price) },
    inputs,
    requiredData,
    schedule,
    sink: {
      kind: offer.sink.kind,
      format: offer.sink.format,
      container: offer.sink.container,
      isAdls,
      isParquet,
      // The copy out of Microsoft 365 writes JSON; Parquet is a second copy in the same pipeline (copy-shape.ts).
      convert: shape.convert,
      jsonFolder: shape.jsonFolder,
      jsonDays: shape.jsonDays,
      linkedServiceType: isAdls ? 'AzureBlobFS' : 'AzureBlobStorage',
      endpoint: shape.endpoint,
      endpointProperty: isAdls ? 'url' : 'serviceEndpoint',
      containerProperty: isAdls ? 'fileSystem' : 'container',
      locationType: isAdls ? 'AzureBlobFSLocation' : 'AzureBlobStorageLocation',
      writeSettingsType: isAdls ? 'AzureBlobFSWriteSettings' : 'AzureBlobStorageWriteSettings',
      readSettingsType: isAdls ? 'AzureBlobFSReadSettings' : 'AzureBlobStorageReadSettings',
    },
    regions: { allowed: allowedRegions, hasAllowed: allowedRegions.length > 0 },
    policy,
    diagnostics: policy.diagnosticSettings === true || inputs.diagnosticLogs === true,
    copyTimeout: adfTimeout(typeof inputs.copyTimeoutHours === 'number' ? inputs.copyTimeoutHours : 12),
    jit: {
      enabled: offer.management.jitAccess.enabled,
      approvalMode: offer.management.jitAccess.approval === 'automatic' ? 'AutoApprove' : 'ManualApprove',
      maximumDuration: offer.management.jitAccess.maximumDuration,
    },
    attribution: plan.attribution,
    ui: {
      basicsDescription: `${offer.summary} Published by ${offer.publisher.name.replace(/\.$/, '')}. Plan: ${plan.displayName} (${priceText(plan.price)}).`,
      aboutText: offer.requiredData.length
        ? `${offer.displayName} copies the Microsoft 365 data listed under "Data requested" into a storage account in this resource group, ${scheduleText(offer.schedule)}. Nothing leaves your subscription.`
        : `${offer.displayName} by ${offer.publisher.name}.`,
      scheduleText: schedule.text,
      retentionText: `${retention === null ? 'Copied data is kept until you delete it.' : `Copied data is kept ${retention} days, then deleted automatically.`}${shape.convert ? ` ${shape.jsonText}` : ''}`,
      approvalText: 'Nothing is copied until a Microsoft 365 administrator of your tenant approves this request (Microsoft Graph Data Connect, in the Microsoft 365 admin center). Only the datasets and columns below are requested.',
      // Said by a Synapse set's install form, where the administrators' network is asked for.
      synapseAccessText: `After installation, a Synapse Administrator of the workspace publishes the copy pipeline (the README says how); ${synapseAdministratorMakers(synapsePublishers(offer.management)) ?? 'the publisher'} can make someone one. Synapse Studio and the publishing step reach the workspace only through its firewall, which admits Azure services and the network you enter here.`,
      consentLabel: `I approve that ${offer.displayName} copies the data listed above into my storage account.`,
      overviewText: `${offer.summary}\n\n${nextStepsOverview(nextSteps(offer, plan, afterInstall))}\n\nSupport: ${offer.support.name} <${offer.support.email}>.`,
    },
  };
}
