// Renders one plan of an offer into the files of its package: each template of the set is rendered with
// the plan's context, parsed (a rendered file that is not JSON is a diagnostic at its line and column),
// and re-serialised in offerkit's stable form; the customer README and the definition properties are
// produced beside them.

import type { Diagnostic } from '../diagnostics.js';
import type { Offer, Plan } from '../offer/model.js';
import { loadPolicyLibrary } from '../policies/library.js';
import { parseJsonSource, type JsonSource } from '../util/json-source.js';
import { stableJson } from '../util/stable-json.js';
import { buildRenderContext } from './context.js';
import { templatePosition } from './source-positions.js';
import { definitionProperties, type ApplicationDefinitionProperties } from './definition.js';
import { renderFailure } from '../template-set/handlebars-env.js';
import { MANIFEST_NAME, type TemplateSet } from '../template-set/template-set.js';
import { isObject, prop } from '../arm/template.js';
import { displayPath } from '../fs/read-inside.js';
import { join } from 'node:path';

export const PACKAGE_JSON_FILES = ['mainTemplate.json', 'createUiDefinition.json', 'viewDefinition.json'] as const;

export interface RenderedPlan {
  offer: Offer;
  plan: Plan;
  /** How diagnostics name this package's files: `dist/<offer>/<plan>/app.zip`. */
  label: string;
  /** Package entries (name → bytes), not yet sorted. */
  files: Map<string, Buffer>;
  /** The JSON entries, parsed from the bytes that go into the package (positions match the zip). */
  parsed: Map<string, JsonSource>;
  /** Each rendered template's text as the template produced it, before offerkit's stable form (for positions in the template). */
  texts: Map<string, string>;
  definition?: ApplicationDefinitionProperties;
  diagnostics: Diagnostic[];
}

/** How messages name a plan's package: where the build writes it (`dist/` unless --out says otherwise). */
export function packageLabel(offer: Offer, plan: Plan, outDir = 'dist'): string {
  return `${outDir.replace(/\\/g, '/').replace(/\/+$/, '') || '.'}/${offer.id}/${plan.id}/app.zip`;
}

export async function renderPlan(offer: Offer, set: TemplateSet, plan: Plan, outDir?: string): Promise<RenderedPlan> {
  const label = packageLabel(offer, plan, outDir);
  const library = await loadPolicyLibrary();
  const context = buildRenderContext(offer, plan, library.policies.keys(), set.afterInstall);
  const result: RenderedPlan = { offer, plan, label, files: new Map(), parsed: new Map(), texts: new Map(), diagnostics: [] };
  for (const name of PACKAGE_JSON_FILES) {
    const template = set.templates.get(name);
    if (!template) continue;
    const file = `${label}/${name}`;
    let text: string;
    try {
      text = template.render(context);
    } catch (e) {
      result.diagnostics.push(renderFailure(template, e, name));
      continue;
    }
    const rendered = parseJsonSource(text);
    // A duplicate property is read by ARM, which keeps the last value (inferred: observed by the quickstart
    // templates' maintainers, Azure/azure-quickstart-templates#5847, not documented), and so does the package
    // offerkit writes (its stable form has one value): a warning at the template, not a failure. Anything else
    // that is not JSON stops the plan.
    const broken = rendered.value === undefined || rendered.diagnostics.some((d) => d.severity === 'error' && d.code !== 'json-duplicate-key');
    const at = (d: Diagnostic) => templatePosition(template.body, text, d, template.file) ?? { file, ...(d.line ? { line: d.line, column: d.column ?? 1 } : {}) };
    for (const d of rendered.diagnostics) {
      if (d.code === 'json-duplicate-key') {
        const key = /^Duplicate property ("[^"]*")/.exec(d.message)?.[1] ?? 'a property';
        result.diagnostics.push({ ...d, ...at(d), code: 'render-duplicate-key', severity: 'warning', message: `Duplicate property ${key} in the ${name} this template renders: ARM keeps the last value, and so does the package offerkit builds.`, hint: 'Remove the property you do not mean.' });
      } else if (broken && d.severity === 'error') {
        const line = d.line ? text.split('\n')[d.line - 1] ?? '' : '';
        result.diagnostics.push({ ...d, code: 'render-invalid-json', severity: 'error', message: `${template.file} rendered ${name} that is not valid JSON: ${d.message}${line ? ` (rendered line: ${JSON.stringify(line.trim().slice(0, 120))})` : ''}`, file });
      }
    }
    if (broken) continue;
    result.texts.set(name, text);
    const bytes = Buffer.from(stableJson(rendered.value), 'utf8');
    result.files.set(name, bytes);
    result.parsed.set(name, parseJsonSource(bytes.toString('utf8')));
  }
  for (const [name, bytes] of set.staticFiles) {
    if (result.files.has(name) || name.toLowerCase() === 'readme.md') {
      result.diagnostics.push({ code: 'template-set-static-conflict', severity: 'error', message: `Static file ${name} of template set "${set.name}" would replace a generated package file.`, file: set.dir });
      continue;
    }
    result.files.set(name, bytes);
    if (name.endsWith('.json')) {
      const parsed = parseJsonSource(bytes.toString('utf8'));
      result.parsed.set(name, parsed);
    }
  }
  result.diagnostics.push(...afterInstallOutputsMissing(set, result.parsed.get('mainTemplate.json')?.value));
  const def = definitionProperties(offer, plan);
  result.definition = def.properties;
  result.diagnostics.push(...def.diagnostics);
  return result;
}

/** The outputs a template set names for the customer's next steps must be outputs of the template it renders. */
function afterInstallOutputsMissing(set: TemplateSet, main: unknown): Diagnostic[] {
  const declared = Object.entries(set.afterInstall?.outputs ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (!declared.length || main === undefined) return [];
  const outputs = prop(main, 'outputs');
  const names = isObject(outputs) ? Object.keys(outputs) : [];
  return declared
    .filter(([, output]) => !names.some((n) => n.toLowerCase() === output.toLowerCase()))
    .map(([role, output]) => ({
      code: 'template-set-missing-output',
      severity: 'error' as const,
      message: `Template set "${set.name}" names the output ${JSON.stringify(output)} as the ${role} for the customer's next steps, but the mainTemplate.json it renders has no such output.`,
      file: displayPath(join(set.dir, MANIFEST_NAME)),
      hint: names.length ? `Outputs of mainTemplate.json: ${names.join(', ')}.` : 'Add the output to mainTemplate.json, or remove it from afterInstall.outputs.',
    }));
}
