// Microsoft.Solutions/applicationDefinitions as ARM serves them at api-version 2021-07-01: PUT answers 201
// (created) or 200 (replaced) synchronously, GET 200/404, PATCH updates tags, DELETE 200/204, lists page
// with nextLink. Like ARM, a PUT is checked against the official schema and the package is fetched from
// packageFileUri and must hold mainTemplate.json and createUiDefinition.json at its root; ARM keeps its
// own copy, so the definition stays usable after the SAS expires.

import { randomBytes } from 'node:crypto';
import { get } from 'node:https';
import type { BodyValidator } from './solutions-schema.js';
import { zipEntries } from './zip-entries.js';
import { textOf } from '../../src/util/text-of.js';

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const armError = (status: number, code: string, message: string, headers?: Record<string, string>): ArmResponse => ({ status, body: { error: { code, message } }, ...(headers ? { headers } : {}) });

export interface StoredDefinition {
  subscription: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  properties: Record<string, unknown>;
  /** What ARM fetched from packageFileUri (its own copy). */
  packageBytes?: Buffer;
  /** The SAS signature of the artifact links ARM hands out for its copy (a read needs it; inferred). */
  artifactSignature?: string;
}

export const SOLUTIONS_API_VERSIONS = ['2017-09-01', '2018-06-01', '2019-07-01', '2020-08-21-preview', '2021-02-01-preview', '2021-07-01', '2023-12-01-preview'];
const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const MAX_PACKAGE = 120 * 1024 * 1024;

export const normalizeLocation = (l: string) => l.replace(/\s+/g, '').toLowerCase();

export function definitionId(d: Pick<StoredDefinition, 'subscription' | 'resourceGroup' | 'name'>): string {
  return `/subscriptions/${d.subscription}/resourceGroups/${d.resourceGroup}/providers/Microsoft.Solutions/applicationDefinitions/${d.name}`;
}

export function definitionBody(d: StoredDefinition, base: string): Record<string, unknown> {
  const id = definitionId(d);
  // ARM keeps its own copy of the package and links its files with a read SAS (as the ApplianceProvisioningFailed
  // message in openshift/openshift-azure#1746 shows one: …blob.core.windows.net/appliancepackages/…/mainTemplate.json?sv=…&sig=…).
  const sas = `sv=2017-04-17&sr=b&sp=r&sig=${encodeURIComponent(d.artifactSignature ?? '')}`;
  const artifacts = d.packageBytes || d.properties.mainTemplate
    ? [
        { name: 'ApplicationResourceTemplate', type: 'Template', uri: `${base}/artifacts${id}/applicationResourceTemplate.json?${sas}` },
        { name: 'CreateUiDefinition', type: 'Custom', uri: `${base}/artifacts${id}/createUiDefinition.json?${sas}` },
      ]
    : [];
  return { id, name: d.name, type: 'Microsoft.Solutions/applicationDefinitions', location: d.location, tags: d.tags, properties: { ...d.properties, artifacts } };
}

export interface PutContext {
  validator: BodyValidator | null;
  ca?: string;
  fetchTimeoutMs: number;
}

/** Checks a PUT body the way ARM and the Solutions RP do; returns the definition to store or the error. */
export async function checkDefinitionPut(
  target: Pick<StoredDefinition, 'subscription' | 'resourceGroup' | 'name'>,
  apiVersion: string,
  raw: Buffer,
  ctx: PutContext,
): Promise<StoredDefinition | ArmResponse> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return armError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: '${(e as Error).message}'.`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  if (!/^[-\w._()]{3,64}$/.test(target.name)) return armError(400, 'InvalidResourceName', `The resource name '${target.name}' is invalid. It must be 3-64 characters of letters, digits, '-', '_', '.', '(' and ')'.`);
  if (typeof body.location !== 'string' || !body.location) return armError(400, 'LocationRequired', 'The location property is required for this definition.');
  if (apiVersion === '2021-07-01' && ctx.validator) {
    const problems = ctx.validator({ ...body, name: target.name, type: 'Microsoft.Solutions/applicationDefinitions', apiVersion });
    if (problems.length) return armError(400, 'InvalidRequestContent', `The request content was invalid: ${problems.slice(0, 5).join('; ')}.`);
  }
  const props = body.properties as Record<string, unknown> | undefined;
  if (!props || typeof props !== 'object') return armError(400, 'InvalidRequestContent', "The 'properties' of the application definition are missing.");
  const authorizations = (props.authorizations as { roleDefinitionId?: string }[] | undefined) ?? [];
  if (authorizations.some((a) => String(a.roleDefinitionId).toLowerCase().endsWith(OWNER_ROLE))) {
    return armError(400, 'ApplicationDefinitionAuthorizationInvalid', 'The role definition of an authorization must not allow deleting the resource group (Owner is not allowed).');
  }
  const inline = props.mainTemplate !== undefined || props.createUiDefinition !== undefined;
  if (inline && props.packageFileUri) return armError(400, 'ApplicationDefinitionPackageConflict', "Specify either 'packageFileUri' or 'mainTemplate' with 'createUiDefinition', not both.");
  if (!inline && !props.packageFileUri) return armError(400, 'ApplicationDefinitionPackageMissing', "The application definition needs 'packageFileUri' or 'mainTemplate' with 'createUiDefinition'.");
  if (inline && (props.mainTemplate === undefined || props.createUiDefinition === undefined)) return armError(400, 'ApplicationDefinitionPackageMissing', "An inline definition needs both 'mainTemplate' and 'createUiDefinition'.");
  const stored: StoredDefinition = { ...target, location: normalizeLocation(body.location), tags: (body.tags as Record<string, string>) ?? {}, properties: props, artifactSignature: randomBytes(24).toString('base64') };
  if (props.packageFileUri) {
    const uri = textOf(props.packageFileUri);
    if (!/^https:\/\//i.test(uri)) return armError(400, 'InvalidPackageFileUri', `The package file URI '${uri.split('?')[0]}' must use https.`);
    const fetched = await fetchPackage(uri, ctx);
    if (!Buffer.isBuffer(fetched)) return armError(400, 'PackageDownloadFailed', `The package could not be downloaded from '${uri.split('?')[0]}': ${fetched.error}.`);
    let entries;
    try {
      entries = zipEntries(fetched);
    } catch (e) {
      return armError(400, 'InvalidApplicationPackage', `The application package is not a valid zip file: ${(e as Error).message}.`);
    }
    for (const required of ['mainTemplate.json', 'createUiDefinition.json']) {
      const entry = entries.get(required);
      if (!entry) return armError(400, 'InvalidApplicationPackage', `The application package must contain '${required}' at its root.`);
      try {
        JSON.parse(entry().toString('utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        return armError(400, 'InvalidApplicationPackage', `'${required}' in the application package is not valid JSON: ${(e as Error).message}.`);
      }
    }
    stored.packageBytes = fetched;
  }
  return stored;
}

function fetchPackage(uri: string, ctx: PutContext): Promise<Buffer | { error: string }> {
  return new Promise((resolve) => {
    const req = get(uri, { ...(ctx.ca ? { ca: ctx.ca } : {}), timeout: ctx.fetchTimeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ error: `HTTP ${res.statusCode}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_PACKAGE) {
          req.destroy();
          resolve({ error: 'the package is larger than 120 MB' });
        } else chunks.push(c);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ error: e.message }));
  });
}
