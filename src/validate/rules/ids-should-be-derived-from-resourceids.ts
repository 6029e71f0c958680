// Properties holding resource IDs should be built with resourceId() and friends, not by hand.

import { isExpression, simpleReference } from '../../arm/expressions.js';
import { isObject, keyOf, prop, type JsonObject } from '../../arm/template.js';
import { appendPointer } from '../../util/json-pointer.js';
import { defineRule } from '../rule.js';
import { isBicepGenerated } from './api-versions.js';
import { enterItems } from './walk.js';

/** Property names ending in "id" that are not resource IDs (arm-ttk's list). */
const NOT_RESOURCE_IDS = new Set(
  ['appId', 'clientId', 'DataTypeId', 'defaultMenuItemId', 'keyVaultSecretId', 'keyId', 'objectId', 'menuId', 'policyDefinitionReferenceId', 'servicePrincipalClientId', 'StartingDeviceID', 'subscriptionId', 'SyntheticMonitorId', 'targetProtectionContainerId', 'targetWorkerSizeId', 'tenantId', 'timezoneId', 'vlanId', 'workerSizeId', 'principalId', 'roleDefinitionId', 'keyVaultId', 'firstPartyId', 'contentId', 'contentProductId'].map((s) => s.toLowerCase()),
);
// Unanchored, as arm-ttk matches it: the allowed call may appear anywhere in the value. No leading or trailing
// \s*: they change nothing unanchored, and the leading one made a value of 50,000 spaces take 9 s.
const ALLOWED = /\[\s*(extensionResourceId|resourceId|subscriptionResourceId|tenantResourceId|if|parameters|reference|variables|subscription|guid)\s*\(/i;
const SKIP_TYPES = [/^microsoft\.logic\/workflows$/i, /^microsoft\.portal\/dashboards$/i, /^(microsoft\.apimanagement\/service\/)?backends$/i, /^microsoft\.customproviders\//i, /^microsoft\.apicenter\//i, /config/i];

export default defineRule({
  id: 'ids-should-be-derived-from-resourceids',
  armTtk: 'IDs-Should-Be-Derived-From-ResourceIDs',
  description: 'Properties under resources whose names end in "id" must be built with resourceId(), subscriptionResourceId(), extensionResourceId(), reference(), parameters() or variables() — not typed in or concatenated.',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    if (isBicepGenerated(ctx.template)) return;
    const vars = prop(ctx.template, 'variables');
    const rk = keyOf(ctx.template, 'resources');
    if (!rk) return;
    // One walk below resources with its state on stacks (the types of the resources around a value, the property
    // names leading to it, its pointer's segments): a pointer is made only for a property named like an ID.
    const types: string[] = [];
    const path: string[] = [rk];
    const segments: (string | number)[] = [rk];
    const visit = (node: unknown, depth: number): void => {
      if (depth > 200) return;
      if (Array.isArray(node)) return enterItems(node, segments, (item) => visit(item, depth + 1));
      if (!isObject(node)) return;
      const t = prop(node, 'type');
      const typed = typeof t === 'string';
      if (typed) types.push(t);
      for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
        const v = node[k];
        const lower = k.toLowerCase();
        if (lower === 'metadata' || lower === 'tags') continue;
        segments.push(k);
        if (lower.endsWith('id') && !NOT_RESOURCE_IDS.has(lower) && !skipped(types, path, k)) checkId(v, appendPointer(ctx.base, ...segments), k);
        if (v !== null && typeof v === 'object') {
          path.push(k);
          visit(v, depth + 1);
          path.pop();
        }
        segments.pop();
      }
      if (typed) types.pop();
    };
    const skipped = (types: string[], path: string[], key: string) => {
      if (types.some((t) => SKIP_TYPES.some((re) => re.test(t)))) return true;
      const joined = path.join('.').toLowerCase();
      if (types.some((t) => /^microsoft\.documentdb\/databaseaccounts\/.*(collections|sqldatabases|containers)/i.test(t)) && /(^|\.)resource(\.|$)/.test(joined)) return true;
      if (types.some((t) => /^microsoft\.insights\/webtests$/i.test(t)) && joined.includes('locations') && key.toLowerCase() === 'id') return true;
      return false;
    };
    const checkId = (value: unknown, pointer: string, key: string) => {
      let v = value;
      if (isObject(v)) {
        const inner = prop(v, 'value');
        if (inner === undefined || inner === '' || inner === null) return;
        if (typeof inner !== 'string') return;
        v = inner;
      }
      if (Array.isArray(v)) return;
      if (typeof v === 'number' || typeof v === 'boolean') {
        ctx.report({ message: `${key} is ${JSON.stringify(v)}; a resource ID must be built with resourceId().`, pointer });
        return;
      }
      if (v === null || v === undefined) return;
      if (typeof v !== 'string') return;
      if (!v.trim()) {
        ctx.report({ message: `${key} is blank.`, pointer });
        return;
      }
      let expanded: unknown = v;
      const varName = simpleReference(v.trim(), 'variables');
      if (varName !== undefined) {
        const vk = keyOf(vars, varName);
        if (vk) expanded = (vars as JsonObject)[vk];
      }
      if (typeof expanded !== 'string') return;
      if (!ALLOWED.test(expanded)) {
        ctx.report({
          message: `${key} is ${JSON.stringify(expanded.length > 120 ? `${expanded.slice(0, 117)}…` : expanded)}; build resource IDs with resourceId(), subscriptionResourceId(), extensionResourceId() or reference().`,
          pointer,
          ...(isExpression(expanded) ? {} : { hint: 'A typed-in ID only works in one subscription.' }),
        });
      }
    };
    visit(ctx.template[rk], 0);
  },
});
