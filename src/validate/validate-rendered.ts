// Checks a freshly rendered plan before anything is written: the offer's policies against the template.
// (The full certification rule set runs here too once registered; see validate/engine.ts.)

import type { Diagnostic } from '../diagnostics.js';
import { checkPolicy } from '../policies/check-policy.js';
import type { RenderedPlan } from '../render/render-plan.js';

export async function validateRendered(rendered: RenderedPlan): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const main = rendered.parsed.get('mainTemplate.json');
  const ui = rendered.parsed.get('createUiDefinition.json');
  if (!main?.value || typeof main.value !== 'object') return out;
  for (const { policy, parameters } of rendered.offer.policies) {
    out.push(
      ...checkPolicy(policy, parameters, {
        template: main.value as Record<string, unknown>,
        templateFile: `${rendered.label}/mainTemplate.json`,
        locateInTemplate: (p) => main.locate(p),
        ...(ui?.value && typeof ui.value === 'object'
          ? { createUiDefinition: ui.value as Record<string, unknown>, uiFile: `${rendered.label}/createUiDefinition.json`, locateInUi: (p: string) => ui.locate(p) }
          : {}),
      }),
    );
  }
  return out;
}
