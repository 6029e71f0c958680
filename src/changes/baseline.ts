// Where the earlier version of an offer's plans comes from: a git revision (the offer as it was there, rendered
// by this offerkit), a built dist/ folder or an app.zip (with the definition.json offerkit writes beside it,
// when there is one), or what is published (service catalog, marketplace). Every source ends as facts per
// plan; what it cannot tell stays unknown.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { propPath } from '../arm/template.js';
import { hasErrors, usageError, type Diagnostic } from '../diagnostics.js';
import { clipped } from '../format/terminal-safe.js';
import { displayPath, readUserText } from '../fs/read-inside.js';
import type { Offer } from '../offer/model.js';
import { inspectPackageFile } from '../package/inspect-package.js';
import { packagePlan } from '../package/package-plan.js';
import { renderOffer, type RenderedOffer } from '../render/render-offer.js';
import { factsFromOffer, factsFromPackage, type DefinitionFacts, type PlanFacts } from './facts.js';
import { offerAtRevision } from './git-baseline.js';

export interface Baseline {
  /** How messages name it: "git origin/main (3f2a1c9)", "dist/contoso/starter/app.zip", "the service catalog". */
  name: string;
  kind: 'git' | 'dist' | 'zip' | 'service-catalog' | 'marketplace';
  plans: Map<string, PlanFacts>;
  /** Plans the source holds no version of (a plan only in the offer is then "new"). */
  complete: boolean;
  diagnostics: Diagnostic[];
}

/** Renders an offer's plans into the files of their packages (the pipeline's render and README stages, from above). */
export type RenderPackages = (offerDir: string, planIds: readonly string[]) => Promise<RenderedOffer>;

/** The current offer, rendered: the "after" side. `render` gives the packages as they are built (README included), so their hashes are the published ones. */
export async function currentFacts(offerDir: string, planIds: readonly string[] = [], render: RenderPackages = renderOffer): Promise<{ offer?: Offer; plans: Map<string, PlanFacts>; diagnostics: Diagnostic[] }> {
  const r = await render(offerDir, planIds);
  const plans = new Map<string, PlanFacts>();
  if (!r.offer || hasErrors(r.diagnostics)) return { ...(r.offer ? { offer: r.offer } : {}), plans, diagnostics: r.diagnostics };
  for (const p of r.rendered) plans.set(p.plan.id, { ...factsFromOffer(r.offer, p.plan, p.files, p.definition), packageSha256: (await packagePlan(p)).sha256 });
  return { offer: r.offer, plans, diagnostics: r.diagnostics };
}

export async function gitBaseline(offerDir: string, rev: string): Promise<Baseline> {
  const checkout = await offerAtRevision(offerDir, rev);
  const name = `git ${clipped(rev)} (${checkout.commit.slice(0, 7)})`;
  try {
    if (checkout.absent || !checkout.dir) {
      return { name, kind: 'git', plans: new Map(), complete: true, diagnostics: [{ code: 'changes-baseline-absent', severity: 'info', message: `The offer folder did not exist at ${clipped(rev)}: every plan is new.` }] };
    }
    const before = await currentFacts(checkout.dir);
    const shown = (d: Diagnostic): Diagnostic => ({ ...d, message: `At ${clipped(rev)}: ${d.message.split(checkout.dir!).join(offerDir)}`, ...(d.file ? { file: `${clipped(rev)}:${d.file.split(checkout.dir!).join(offerDir)}` } : {}) });
    const diagnostics = [...checkout.diagnostics, ...before.diagnostics.filter((d) => d.severity === 'error').map(shown)];
    if (!before.offer || hasErrors(before.diagnostics)) {
      diagnostics.unshift({ code: 'changes-baseline-unreadable', severity: 'error', message: `The offer at ${clipped(rev)} does not render with this offerkit, so it cannot be compared.`, hint: 'Compare with a built dist/ folder or app.zip of that version instead.' });
    }
    return { name, kind: 'git', plans: before.plans, complete: true, diagnostics };
  } finally {
    await checkout.dispose();
  }
}

async function packageFacts(zipPath: string, plan: string | undefined): Promise<{ facts?: PlanFacts; stamped?: string; diagnostics: Diagnostic[] }> {
  const pkg = await inspectPackageFile(zipPath, displayPath(zipPath));
  const diagnostics = pkg.diagnostics.filter((d) => d.severity === 'error');
  if (!pkg.readable || !pkg.contents.size) return { diagnostics: diagnostics.length ? diagnostics : [{ code: 'changes-baseline-unreadable', severity: 'error', message: `${displayPath(zipPath)} holds no readable package.` }] };
  let definition: DefinitionFacts | undefined;
  const defPath = join(dirname(zipPath), 'definition.json');
  if (existsSync(defPath)) {
    const text = await readUserText(defPath, { maxBytes: 4 * 1024 * 1024, what: 'Definition', code: 'changes' });
    try {
      if (text.text !== undefined) definition = JSON.parse(text.text) as DefinitionFacts;
      else diagnostics.push(...text.diagnostics);
    } catch {
      diagnostics.push({ code: 'changes-baseline-unreadable', severity: 'warning', message: `${displayPath(defPath)} is not JSON; publisher access and policies of the baseline are not known.`, file: displayPath(defPath) });
    }
  }
  const main = [...pkg.contents].find(([n]) => n.toLowerCase() === 'maintemplate.json')?.[1];
  let stamped: string | undefined;
  try {
    const p = main ? propPath(JSON.parse(main.toString('utf8')), 'metadata.plan') : undefined;
    if (typeof p === 'string') stamped = p;
  } catch {
    // an unreadable template leaves the plan to the folder name or --plan
  }
  const facts = factsFromPackage(plan ?? stamped ?? '?', pkg.contents, definition ? { definition } : {});
  return { facts, ...(stamped ? { stamped } : {}), diagnostics };
}

/** Which plan a lone app.zip is: the only plan asked for, the plan stamped in its mainTemplate, its folder's name, or the offer's only plan. */
function planOfZip(stamped: string | undefined, zipPath: string, offer: Offer, planIds: readonly string[]): string | undefined {
  const known = offer.plans.map((p) => p.id);
  const folder = basename(dirname(zipPath));
  if (planIds.length === 1) return planIds[0];
  if (stamped && known.includes(stamped)) return stamped;
  if (known.includes(folder)) return folder;
  if (known.length === 1) return known[0];
  return undefined;
}

export async function packageBaseline(path: string, offer: Offer, planIds: readonly string[]): Promise<Baseline> {
  const abs = resolve(path);
  const shown = displayPath(abs);
  const st = statSync(abs, { throwIfNoEntry: false });
  if (!st) throw usageError(`--since ${clipped(path)}: no such file or folder, and not a git revision of the offer's repository.`);
  if (st.isFile()) {
    const probe = await packageFacts(abs, undefined);
    const plan = planOfZip(probe.stamped, abs, offer, planIds);
    if (!plan) throw usageError(`--since ${clipped(path)}: which plan is this package? The offer has ${offer.plans.length} plans.`, 'Name it with --plan <id>.');
    const plans = new Map<string, PlanFacts>();
    if (probe.facts) plans.set(plan, { ...probe.facts, plan });
    return { name: shown, kind: 'zip', plans, complete: false, diagnostics: probe.diagnostics };
  }
  // A dist folder: <dir>/<offer>/<plan>/app.zip or <dir>/<plan>/app.zip.
  const base = existsSync(join(abs, offer.id)) ? join(abs, offer.id) : abs;
  const plans = new Map<string, PlanFacts>();
  const diagnostics: Diagnostic[] = [];
  for (const p of offer.plans) {
    const zip = join(base, p.id, 'app.zip');
    if (!existsSync(zip)) continue;
    const r = await packageFacts(zip, p.id);
    diagnostics.push(...r.diagnostics);
    if (r.facts) plans.set(p.id, r.facts);
  }
  if (!plans.size && !hasErrors(diagnostics)) throw usageError(`--since ${clipped(path)}: no <plan>/app.zip of offer ${offer.id} under it.`, `Pass the folder offerkit build wrote (e.g. dist or dist/${offer.id}) or an app.zip.`);
  return { name: shown, kind: 'dist', plans, complete: false, diagnostics };
}
