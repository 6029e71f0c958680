// Static policy compliance: does the rendered template meet the policies the offer attaches?
// Each policy file declares its checks (policies/*.yaml); this module evaluates them on a template and,
// for region restrictions, on the createUiDefinition's location choices.

import type { Diagnostic } from '../diagnostics.js';
import { isExpression, referencedNames, tryParseExpression } from '../arm/expressions.js';
import { possibleValues, policyEquals } from '../arm/static-values.js';
import { collectResources, keyOf, prop, propPath, type JsonObject, type ResourceRef } from '../arm/template.js';
import { appendPointer } from '../util/json-pointer.js';
import type { Position } from '../util/line-index.js';
import type { PolicyCheck, PolicyDefinition } from './library.js';
import { textOf } from '../util/text-of.js';

export interface PolicyTarget {
  template: JsonObject;
  templateFile: string;
  locateInTemplate?: (pointer: string) => Position | undefined;
  createUiDefinition?: JsonObject;
  uiFile?: string;
  locateInUi?: (pointer: string) => Position | undefined;
}

export function checkPolicy(policy: PolicyDefinition, parameters: Record<string, unknown>, target: PolicyTarget): Diagnostic[] {
  const resources = collectResources(target.template);
  const out: Diagnostic[] = [];
  const report = (check: PolicyCheck, severity: Diagnostic['severity'], detail: string, pointer: string, inUi = false) => {
    const pos = inUi ? target.locateInUi?.(pointer) : target.locateInTemplate?.(pointer);
    out.push({
      code: severity === 'error' ? 'policy-violation' : 'policy-unverifiable',
      severity,
      message: `Policy "${policy.id}" (${policy.builtInDisplayName}): ${check.message} — ${detail}.`,
      file: inUi ? target.uiFile ?? target.templateFile : target.templateFile,
      pointer,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(check.fix ? { hint: `Fix: ${check.fix}.` } : {}),
    });
  };
  for (const check of policy.checks) {
    if (check.kind === 'property') checkProperty(check, parameters, resources, target, report);
    else if (check.kind === 'locations') checkLocations(check, parameters, resources, target, report);
    else checkDiagnostics(check, parameters, resources, report);
  }
  return out;
}

type Reporter = (check: PolicyCheck, severity: Diagnostic['severity'], detail: string, pointer: string, inUi?: boolean) => void;

const describe = (r: ResourceRef) => `${r.fullType} ${JSON.stringify(prop(r.resource, 'name') ?? '')}`;

/**
 * Deployment scripts that bring no storage account of their own (`properties.storageAccountSettings`): Azure
 * creates one for each in the resource group, with settings the template does not state, so no storage policy
 * can be shown to hold for it, and a Deny policy refuses it and the installation with it.
 */
function scriptsWithImplicitStorage(resources: ResourceRef[]): ResourceRef[] {
  return resources.filter((r) => r.fullType.toLowerCase() === 'microsoft.resources/deploymentscripts' && typeof propPath(r.resource, 'properties.storageAccountSettings.storageAccountName') !== 'string');
}

const IMPLICIT_STORAGE_FIX = "give the deployment script a storage account the template declares, configured as the policies require: properties.storageAccountSettings with storageAccountName and storageAccountKey (listKeys(...)); that account needs allowSharedKeyAccess, which deployment scripts use to mount their file share";

function checkProperty(check: PolicyCheck, parameters: Record<string, unknown>, resources: ResourceRef[], target: PolicyTarget, report: Reporter): void {
  const expected = check.equalsParameter !== undefined ? parameters[check.equalsParameter] : check.equals;
  const type = (check.resourceType ?? '').toLowerCase();
  if (type === 'microsoft.storage/storageaccounts') {
    for (const s of scriptsWithImplicitStorage(resources)) {
      report({ ...check, fix: IMPLICIT_STORAGE_FIX }, 'error', `${describe(s)} has no storageAccountSettings, so Azure creates a storage account for it whose ${check.path ?? 'settings'} the template does not set (policy expects ${JSON.stringify(expected)})`, s.pointer);
    }
  }
  for (const r of resources.filter((x) => x.fullType.toLowerCase() === type)) {
    const path = check.path ?? '';
    const value = propPath(r.resource, path);
    const pointer = pointerOfPath(r.resource, r.pointer, path);
    if (value === undefined) {
      report(check, 'error', `${describe(r)} does not set ${path} (policy expects ${JSON.stringify(expected)})`, pointer);
      continue;
    }
    const possible = possibleValues(value, target.template);
    if (!possible.known) {
      report(check, 'warning', `${describe(r)} sets ${path} from ${possible.via ?? 'an expression'}, which cannot be checked before deployment`, pointer);
      continue;
    }
    const bad = possible.values.filter((v) => !policyEquals(v, expected));
    if (bad.length) report(check, 'error', `${describe(r)} has ${path} = ${bad.map((b) => JSON.stringify(b)).join(' or ')}${possible.via ? ` (via ${possible.via})` : ''}, policy expects ${JSON.stringify(expected)}`, pointer);
  }
}

/** The pointer of a dotted path inside a resource, using the actual (case-preserved) keys as far as they exist. */
function pointerOfPath(resource: JsonObject, base: string, path: string): string {
  let pointer = base;
  let node: unknown = resource;
  for (const part of path.split('.')) {
    const k = keyOf(node, part);
    if (!k) break;
    pointer = appendPointer(pointer, k);
    node = (node as JsonObject)[k];
  }
  return pointer;
}

function checkLocations(check: PolicyCheck, parameters: Record<string, unknown>, resources: ResourceRef[], target: PolicyTarget, report: Reporter): void {
  const allowedRaw = parameters[check.allowedParameter ?? ''];
  const allowed = Array.isArray(allowedRaw) ? allowedRaw.map((a) => String(a).toLowerCase()) : [];
  const isAllowed = (loc: unknown) => typeof loc === 'string' && (loc.toLowerCase() === 'global' || allowed.includes(loc.toLowerCase().replace(/\s+/g, '')));
  let dependsOnUiLocation = false;
  for (const r of resources) {
    const k = keyOf(r.resource, 'location');
    if (!k) continue;
    const value = r.resource[k];
    const pointer = appendPointer(r.pointer, k);
    if (isExpression(value)) {
      const node = tryParseExpression(value);
      const text = value.toLowerCase().replace(/\s+/g, '');
      if (text === '[resourcegroup().location]') {
        dependsOnUiLocation = true;
        continue;
      }
      const params = node ? referencedNames(node, 'parameters') : [];
      if (params.length === 1 && value.replace(/\s+/g, '').toLowerCase() === `[parameters('${params[0].toLowerCase()}')]`) {
        const p = possibleValues(value, target.template);
        if (!p.known) {
          report(check, 'error', `${describe(r)} takes its location from ${p.via}, so any region can be chosen`, pointer);
          continue;
        }
        const bad = p.values.filter((v) => !isAllowed(v));
        if (bad.length) report(check, 'error', `${describe(r)} can be deployed to ${bad.map(String).join(', ')} (via ${p.via}); allowed: ${allowed.join(', ')}`, pointer);
        continue;
      }
      report(check, 'warning', `${describe(r)} computes its location with ${value}, which cannot be checked before deployment`, pointer);
    } else if (!isAllowed(value)) {
      report(check, 'error', `${describe(r)} is deployed to ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`, pointer);
    }
  }
  // The location the customer picks in the portal must be one the policy allows.
  const ui = target.createUiDefinition;
  if (ui) {
    const basicsLoc = propPath(ui, 'parameters.config.basics.location');
    const uiAllowed = prop(basicsLoc, 'allowedValues');
    const pointer = '/parameters/config/basics/location';
    if (!Array.isArray(uiAllowed)) {
      report(check, 'error', 'the installer can pick any region: createUiDefinition has no config.basics.location.allowedValues', pointer, true);
    } else {
      const bad = uiAllowed.filter((v) => !isAllowed(v));
      if (bad.length) report(check, 'error', `the installer can pick ${bad.map(String).join(', ')} in config.basics.location.allowedValues; allowed: ${allowed.join(', ')}`, `${pointer}/allowedValues`, true);
    }
  } else if (dependsOnUiLocation) {
    report(check, 'warning', 'resources use the resource group location, which is chosen in the portal; no createUiDefinition was given to check it', '/resources');
  }
}

function checkDiagnostics(check: PolicyCheck, parameters: Record<string, unknown>, resources: ResourceRef[], report: Reporter): void {
  const typesRaw = parameters[check.resourceTypesParameter ?? ''];
  const types = Array.isArray(typesRaw) ? typesRaw.map((t) => String(t).toLowerCase()) : [];
  if (types.some((t) => t === 'microsoft.storage/storageaccounts' || t.startsWith('microsoft.storage/storageaccounts/'))) {
    for (const s of scriptsWithImplicitStorage(resources)) report({ ...check, fix: IMPLICIT_STORAGE_FIX }, 'error', `${describe(s)} has no storageAccountSettings, so Azure creates a storage account for it without diagnostic settings`, s.pointer);
  }
  const settings = resources.filter((r) => {
    const t = r.fullType.toLowerCase();
    return t === 'microsoft.insights/diagnosticsettings' || t.endsWith('/providers/diagnosticsettings');
  });
  for (const r of resources) {
    const type = r.fullType.toLowerCase();
    if (!types.includes(type)) continue;
    const sameType = resources.filter((x) => x.fullType.toLowerCase() === type);
    const nameRefs = nameReferences(prop(r.resource, 'name'));
    const targets = settings.filter((s) => {
      if (s.parent === r) return true;
      const sType = s.fullType.toLowerCase();
      if (sType.endsWith('/providers/diagnosticsettings')) return sType.slice(0, -'/providers/diagnosticsettings'.length) === type && (sameType.length === 1 || nameRefs.some((n) => textOf(prop(s.resource, 'name')).includes(n)));
      // Extension resource: its scope must name the target's provider and every segment of its type
      // (`format('Microsoft.Storage/storageAccounts/{0}/blobServices/default', …)` names blobServices).
      const scope = textOf(prop(s.resource, 'scope'));
      const lower = scope.toLowerCase();
      const [namespace, ...segments] = type.split('/');
      if (!lower.includes(`${namespace}/${segments[0]}`) || !segments.every((seg) => lower.includes(seg))) return false;
      return sameType.length === 1 || nameRefs.some((n) => scope.includes(n));
    });
    if (!targets.length) {
      report(check, 'error', `${describe(r)} has no diagnostic settings`, r.pointer);
      continue;
    }
    for (const s of targets) {
      const ws = propPath(s.resource, 'properties.workspaceId');
      const logs = propPath(s.resource, 'properties.logs');
      const metrics = propPath(s.resource, 'properties.metrics');
      if (ws === undefined || ws === '') report(check, 'error', `diagnostic settings ${JSON.stringify(prop(s.resource, 'name'))} for ${describe(r)} do not send to a Log Analytics workspace (properties.workspaceId)`, s.pointer);
      else if (!(Array.isArray(logs) && logs.length) && !(Array.isArray(metrics) && metrics.length)) report(check, 'error', `diagnostic settings ${JSON.stringify(prop(s.resource, 'name'))} for ${describe(r)} enable neither logs nor metrics`, s.pointer);
    }
  }
}

/** What identifies a resource's name in other expressions: the variables/parameters it is built from, or its literal last segment. */
function nameReferences(name: unknown): string[] {
  const text = textOf(name ?? '');
  if (!isExpression(name)) return [text.split('/').pop() ?? text];
  const node = tryParseExpression(text);
  return node ? [...referencedNames(node, 'variables'), ...referencedNames(node, 'parameters')] : [];
}
