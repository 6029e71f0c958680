// The offer's policies against the policy library: known ids (else the nearest), parameters the policy
// declares with values it allows, defaults filled in (some from the offer itself, e.g. allowed regions).

import type { Diagnostic } from '../diagnostics.js';
import type { PolicyLibrary } from '../policies/library.js';
import { resolvePointer } from '../util/json-pointer.js';
import { didYouMean } from '../util/nearest.js';
import type { AttachedPolicy } from './model.js';
import { error, type Locator, type RawOffer } from './raw.js';

export function resolvePolicies(raw: RawOffer, library: PolicyLibrary, at: Locator): { policies: AttachedPolicy[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const policies: AttachedPolicy[] = [];
  const seen = new Set<string>();
  (raw.policies ?? []).forEach((entry, i) => {
    const base = `/policies/${i}`;
    const id = typeof entry === 'string' ? entry : entry.id;
    const given = typeof entry === 'string' ? {} : entry.parameters ?? {};
    const idPointer = typeof entry === 'string' ? base : `${base}/id`;
    const policy = library.policies.get(id);
    if (!policy) {
      diagnostics.push(error(at(idPointer), 'offer-unknown-policy', `Unknown policy "${id}".${didYouMean(id, library.policies.keys())}`, `The policy library (policies/) has: ${[...library.policies.keys()].join(', ')}.`));
      return;
    }
    if (seen.has(id)) {
      diagnostics.push(error(at(idPointer), 'offer-duplicate-policy', `Policy "${id}" is listed twice.`));
      return;
    }
    seen.add(id);
    let ok = true;
    // Parameter names are data: a prototype-free object, own-property lookups.
    const parameters: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, spec] of Object.entries(policy.parameters)) {
      if (spec.default !== undefined) parameters[name] = spec.default;
      if (spec.defaultFromOffer) {
        const v = resolvePointer(raw, spec.defaultFromOffer);
        if (v !== undefined) parameters[name] = v;
      }
    }
    for (const [name, value] of Object.entries(given)) {
      const spec = Object.hasOwn(policy.parameters, name) ? policy.parameters[name] : undefined;
      const pAt = at(`${base}/parameters/${name}`);
      if (!spec) {
        ok = false;
        diagnostics.push(error(at(`${base}/parameters/${name}`, { key: true }), 'offer-unknown-policy-parameter', `Policy "${id}" has no parameter "${name}".${didYouMean(name, Object.keys(policy.parameters))}`));
        continue;
      }
      const typeOk = spec.type === 'array' ? Array.isArray(value) : spec.type === 'integer' ? Number.isInteger(value) : typeof value === spec.type;
      if (!typeOk) {
        ok = false;
        diagnostics.push(error(pAt, 'offer-invalid-policy-parameter', `Parameter "${name}" of policy "${id}" must be ${spec.type === 'array' ? 'a list' : `a ${spec.type}`}.`));
        continue;
      }
      if (spec.allowedValues && !spec.allowedValues.some((a) => a === value)) {
        ok = false;
        diagnostics.push(error(pAt, 'offer-invalid-policy-parameter', `Parameter "${name}" of policy "${id}" must be one of ${spec.allowedValues.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)}).${typeof value === 'string' ? didYouMean(value, spec.allowedValues.map(String)) : ''}`));
        continue;
      }
      parameters[name] = value;
    }
    for (const [name, spec] of Object.entries(policy.parameters)) {
      if (spec.required && (parameters[name] === undefined || (Array.isArray(parameters[name]) && !(parameters[name] as unknown[]).length))) {
        ok = false;
        const from = spec.defaultFromOffer ? ` or set ${spec.defaultFromOffer.slice(1).replace(/\//g, '.')} in the offer` : '';
        diagnostics.push(error(at(idPointer), 'offer-missing-policy-parameter', `Policy "${id}" needs parameter "${name}": give it under parameters${from}.`));
      }
    }
    if (ok) policies.push({ policy, parameters });
  });
  return { policies, diagnostics };
}
