// Plans: unique ids, versions Partner Center accepts, template inputs merged (template-set defaults ←
// offer inputs ← plan inputs) and checked against what the template set declares.

import type { Diagnostic } from '../diagnostics.js';
import { guidFrom } from '../util/guid.js';
import { checkInput, type TemplateSet } from '../template-set/template-set.js';
import { didYouMean } from '../util/nearest.js';
import type { Plan } from './model.js';
import { error, type Locator, type RawOffer } from './raw.js';

/** Semver restricted to what Partner Center accepts for Azure Application plans: major.minor.patch. */
export const PLAN_VERSION = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export function checkInputs(inputs: Record<string, unknown>, set: TemplateSet, at: Locator, base: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    const spec = set.inputs.get(name);
    if (!spec) {
      const names = [...set.inputs.keys()];
      out.push(error(at(`${base}/${name}`, { key: true }), 'offer-unknown-input', `Template set "${set.name}" has no input "${name}".${didYouMean(name, names)}`, names.length ? `Inputs: ${names.join(', ')}.` : 'This template set takes no inputs.'));
      continue;
    }
    const problem = checkInput(value, spec);
    if (problem) out.push(error(at(`${base}/${name}`), 'offer-invalid-input', `Input "${name}" ${problem} (got ${shortJson(value)}).`, spec.description));
  }
  return out;
}

/** A value as JSON, cut to a short excerpt: a message names the value, it does not repeat a megabyte of it. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 79)}… (${json.length} characters)` : json;
}

export function resolvePlans(raw: RawOffer, set: TemplateSet, at: Locator): { plans: Plan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const plans: Plan[] = [];
  const offerInputs = raw.template.inputs ?? {};
  diagnostics.push(...checkInputs(offerInputs, set, at, '/template/inputs'));
  const firstIndex = new Map<string, number>();
  raw.plans.forEach((p, i) => {
    const base = `/plans/${i}`;
    let ok = true;
    const prev = firstIndex.get(p.id);
    if (prev !== undefined) {
      ok = false;
      diagnostics.push(error(at(`${base}/id`), 'offer-duplicate-plan', `Plan id "${p.id}" is used twice (first at line ${at(`/plans/${prev}/id`).line ?? '?'}); plan ids must be unique.`));
    } else {
      firstIndex.set(p.id, i);
    }
    const version = String(p.version);
    if (!PLAN_VERSION.test(version)) {
      ok = false;
      diagnostics.push(error(at(`${base}/version`), 'offer-invalid-version', `Plan version "${version}" is not a semantic version major.minor.patch (e.g. 1.0.0).`, 'Partner Center accepts three whole numbers only, without pre-release or build tags.'));
    }
    if (p.price.model === 'free' && p.price.amount !== 0) {
      diagnostics.push(error(at(`${base}/price/amount`), 'offer-invalid-price', `A free plan must have amount 0 (got ${p.price.amount}).`));
      ok = false;
    }
    const planInputs = p.inputs ?? {};
    const inputDiags = checkInputs(planInputs, set, at, `${base}/inputs`);
    if (inputDiags.length) ok = false;
    diagnostics.push(...inputDiags);
    // Only declared inputs reach the plan (unknown ones were reported above), in a prototype-free object.
    const inputs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, spec] of set.inputs) {
      const value = Object.hasOwn(planInputs, name) ? planInputs[name] : Object.hasOwn(offerInputs, name) ? offerInputs[name] : spec.default;
      if (value !== undefined) inputs[name] = value;
    }
    for (const [name, spec] of set.inputs) {
      if (spec.required && inputs[name] === undefined) {
        ok = false;
        diagnostics.push(error(at(base, { key: false }), 'offer-missing-input', `Plan "${p.id}" needs template input "${name}" (${spec.description}); set it under template.inputs or the plan's inputs.`));
      }
    }
    const attribution = (p.attribution ?? raw.attribution ?? guidFrom('offerkit-attribution', raw.publisher.id ?? raw.publisher.name, raw.id)).toLowerCase();
    if (ok) plans.push({ id: p.id, displayName: p.displayName, description: p.description, version, price: p.price, inputs, attribution, index: i });
  });
  return { plans, diagnostics };
}
