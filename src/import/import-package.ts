// `offerkit init <dir> --from <package>`: a new offer folder that builds back a managed application package a
// team already has (a folder or an app.zip, ours or anyone's). The package's mainTemplate.json and
// createUiDefinition.json become the templates of a template set inside the offer, changed only where
// handlebars needs it (handlebars-safe.ts: a `{{` inside a JSON string is written with a \u007b escape, the
// same JSON value; comments, single-quoted strings and every other form the template reader takes are known).
// Every other file (nested templates, scripts, viewDefinition.json) is a static file of the set, byte for
// byte. What no package holds (listing text, price, support) is a placeholder marked TODO(offerkit), which
// `validate --target marketplace` reports until it is replaced.

import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { UserError, usageError, type Diagnostic } from '../diagnostics.js';
import { createNewFolder, realPathOf } from '../fs/output-folder.js';
import { FileRoot, displayPath, readUserText } from '../fs/read-inside.js';
import { loadPolicyLibrary } from '../policies/library.js';
import { offerFromDefinition, type FromDefinition } from './definition-to-offer.js';
import { decodeUtf8, findUnsafeChar, findUnsafeNameChar, invalidUtf8Offset } from '../fs/text.js';
import { handlebarsSafe } from './handlebars-safe.js';
import { isText, MAX_STATIC_BYTES, MAX_TEMPLATE_BYTES } from '../template-set/template-set.js';
import { inspectPackageFile, MAX_HELD_BYTES } from '../package/inspect-package.js';
import { packagePath } from '../paths.js';
import { collectResources, isObject, prop } from '../arm/template.js';
import { PLACEHOLDER } from '../offer/placeholders.js';
import { parseJsonSource } from '../util/json-source.js';
import { copyRequests } from '../package-model/consent-model.js';
import { COMPUTE_TYPE, copyEngine } from '../package-model/copy-engine.js';

/** The script offerkit's Synapse set ships to publish the copy pipeline after installation (templates/mgdc-synapse). */
const SYNAPSE_PUBLISH_SCRIPT = 'publish-synapse-pipeline.sh';
import { priceFromText } from '../package-model/schedule-text.js';
import { findColumn, findDataset, loadCatalog } from '../datasets/catalog.js';
import { offerIdFrom } from '../init/init-offer.js';
import { readmeFacts, type ReadmeFacts } from './readme-facts.js';
import { contentNotes, sortPackageFiles } from './package-contents.js';
import { linearPattern } from '../util/linear-regex.js';

export interface ImportResult {
  dir: string;
  id: string;
  source: string;
  files: string[];
  /** What the import could not carry over, or changed, in plain words. */
  notes: string[];
}

const TEMPLATED = ['mainTemplate.json', 'createUiDefinition.json'] as const;

// Read from a package's README (a stranger's text) on RE2's linear-time engine.
const TITLE = linearPattern('^#[ \\t]+(.+)$', { multiline: true });
const HEAD = linearPattern('^Publisher: (.+?) · Plan version \\S+ · (.+)$', { multiline: true });

/** JSON text that handlebars renders back to the same JSON (see handlebars-safe.ts). */
export function handlebarsSafeJson(text: string): string {
  return handlebarsSafe(text).text;
}

async function readSource(source: string): Promise<{ files: Map<string, Buffer>; shown: string; skipped: string[] }> {
  const shown = displayPath(resolve(source));
  if (/\.zip$/i.test(source)) {
    // No entry larger than a template set reads is inflated (a 50 MB template is refused by its declared size).
    const pkg = await inspectPackageFile(source, shown, { maxEntryBytes: MAX_STATIC_BYTES });
    const errors = pkg.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'package-missing-root-file');
    if (errors.length) throw new UserError(errors, 1);
    return { files: pkg.contents, shown, skipped: [] };
  }
  const root = await FileRoot.open(source, `the package folder ${shown}`);
  // Version control, editor files and installed dependencies are not read (they can be large); they are named.
  // No file larger than a template set reads is read at all (a 50 MB template is refused by its size).
  const skipped: string[] = [];
  const skip = (name: string, rel: string) => {
    const out = name.startsWith('.') || name === 'node_modules';
    if (out) skipped.push(rel);
    return out;
  };
  const walked = await root.walk('.', { maxBytes: MAX_STATIC_BYTES, maxTotalBytes: MAX_HELD_BYTES, maxFiles: 2000, what: 'Package file', code: 'import', skip });
  const errors = walked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new UserError(errors, 1);
  return { files: new Map(walked.files.map((f) => [f.rel, f.bytes])), shown, skipped };
}

function utf8(bytes: Buffer, name: string, shown: string): string {
  const d = decodeUtf8(bytes);
  if ('error' in d) throw new UserError({ code: 'import-invalid-utf8', severity: 'error', message: `${shown}/${name}: ${d.error}`, file: `${shown}/${name}`, line: d.position.line, column: d.position.column }, 1);
  return d.text.replace(/^\uFEFF+/, '');
}

/**
 * A template's text exactly as the package has it (only leading BOMs dropped, which the JSON reader skips):
 * carriage returns stay, since inside a string they are part of its value. Invalid UTF-8 is an error.
 */
function exactUtf8(bytes: Buffer, name: string, shown: string): string {
  if (invalidUtf8Offset(bytes) >= 0) utf8(bytes, name, shown);
  return bytes.toString('utf8').replace(/^\uFEFF+/, '');
}

/**
 * What a package may not bring: names with a control or bidi character (they would reach every listing and
 * terminal that shows them), templates and files over what a template set reads, text files with characters
 * a template set refuses. Each is an error naming the file, so the import stops before writing anything.
 */
function refusals(files: ReadonlyMap<string, Buffer>, where: string, shown: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, bytes] of files) {
    const file = `${shown}/${name}`;
    const bad = findUnsafeNameChar(name);
    if (bad) {
      out.push({ code: 'import-unsafe-name', severity: 'error', message: `${where}: the name of ${JSON.stringify(name)} holds ${bad.label}; offerkit does not take a file whose name could steer a terminal or hide what it is.`, file, hint: 'Rename the file in the package.' });
      continue;
    }
    const templated = (TEMPLATED as readonly string[]).includes(name);
    const limit = templated ? MAX_TEMPLATE_BYTES : MAX_STATIC_BYTES;
    if (bytes.length > limit) {
      out.push({ code: 'import-file-too-large', severity: 'error', message: `${where}: ${name} is ${bytes.length} bytes; a template set reads ${templated ? 'a template' : 'a static file'} of at most ${limit} bytes${templated ? " (Azure Resource Manager's own limit for a template is 4 MB)" : ''}, so it was not imported.`, file, hint: templated ? 'Move resources into nested templates (static files of the package) or simplify the template.' : 'Keep large files out of the package (a deployment can download them).' });
      continue;
    }
    const readme = name.toLowerCase() === 'readme.md';
    if (readme && invalidUtf8Offset(bytes) >= 0) {
      // Read as text (it becomes description.md): an invalid byte would turn into U+FFFD, silently.
      const d = decodeUtf8(bytes);
      if ('error' in d) out.push({ code: 'import-invalid-utf8', severity: 'error', message: `${where}: ${name}: ${d.error}`, file, line: d.position.line, column: d.position.column, hint: 'Save the README as UTF-8 in the package.' });
      continue;
    }
    if (!templated && (readme || isText(name))) {
      const text = bytes.toString('utf8');
      const unsafe = findUnsafeChar(text.replace(/\r\n/g, '\n'));
      if (unsafe) {
        const before = text.replace(/\r\n/g, '\n').slice(0, unsafe.index).split('\n');
        const why = readme ? "it becomes the offer's description.md, where offerkit refuses such characters" : 'a template set refuses such characters in its text files';
        out.push({ code: 'import-unsafe-text', severity: 'error', message: `${where}: ${name} holds ${unsafe.label}; ${why} (they could hide or reorder what a reviewer reads).`, file, line: before.length, column: before[before.length - 1].length + 1, hint: 'Remove the character from the file in the package.' });
      }
    }
  }
  return out;
}

/** A plan version: offerkit's own metadata.planVersion, else the template's contentVersion (1.0.0.0 → 1.0.0), else 1.0.0. */
function versionOf(main: unknown): string {
  const planVersion = prop(prop(main, 'metadata'), 'planVersion');
  if (typeof planVersion === 'string' && /^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(planVersion)) return planVersion;
  const v = prop(main, 'contentVersion');
  const m = typeof v === 'string' ? /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})/.exec(v) : null;
  return m ? `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` : '1.0.0';
}

/**
 * The Data Connect data the template's copy activities request, as offer.yaml's requiredData, so the consent
 * views and rules work at once; undefined (with the reason) when a request cannot be read or names a dataset
 * or column offerkit's catalog does not know.
 */
/**
 * The next steps' declaration: what offerkit's README said, and otherwise the compute the template itself shows
 * (a package from another tool that copies with Synapse must not be told to register "Azure Data Factory").
 */
function afterInstallOf(said: ReadmeFacts['afterInstall'], main: unknown, written: string[]): { afterInstall?: { outputs: Record<string, string>; compute?: string; publishScript?: string } } {
  if (said?.compute) return { afterInstall: said };
  const synapse = copyRequests(main).length > 0 && copyEngine(collectResources(main).map((r) => r.fullType)) === 'synapse';
  // A package of offerkit's Synapse set carries the script that publishes its pipeline, and the artifacts as an output.
  const outputs = prop(main, 'outputs');
  const script = written.includes(`template/static/${SYNAPSE_PUBLISH_SCRIPT}`) && isObject(outputs) && Object.keys(outputs).some((k) => k.toLowerCase() === 'synapseartifacts') ? SYNAPSE_PUBLISH_SCRIPT : undefined;
  if (synapse) return { afterInstall: { outputs: said?.outputs ?? {}, compute: COMPUTE_TYPE.synapse, ...(script ? { publishScript: script } : {}) } };
  return said ? { afterInstall: said } : {};
}

function requiredDataOf(main: unknown): { requiredData?: Record<string, unknown>[]; note?: string } {
  const requests = copyRequests(main);
  if (!requests.length) return {};
  const catalog = loadCatalog();
  const out: Record<string, unknown>[] = [];
  const text = JSON.stringify(main).toLowerCase();
  const order = (g: string) => text.indexOf(g.toLowerCase());
  for (const r of requests) {
    if (!r.dataset || !r.columns || r.unreadable.length) return { note: `The copy activities request data offerkit cannot read in full (${r.unreadable.join('; ') || 'no dataset or columns'}); add requiredData to offer.yaml yourself.` };
    const dataset = findDataset(r.dataset, catalog);
    const unknown = dataset ? r.columns.filter((c) => !findColumn(dataset, c)) : [];
    if (!dataset || unknown.length) return { note: `The copy activities request ${dataset ? `columns ${unknown.join(', ')} of ${r.dataset}` : r.dataset}, which offerkit's dataset catalog does not list; add requiredData to offer.yaml yourself.` };
    if (out.some((x) => x.dataset === r.dataset)) continue;
    const w = r.window;
    out.push({
      dataset: r.dataset,
      columns: r.columns,
      ...(w ? { dateFilter: { column: w.column, ...(w.rollingDays !== undefined ? { rollingDays: w.rollingDays } : {}), ...(w.start ? { start: w.start } : {}), ...(w.end ? { end: w.end } : {}) } } : {}),
      // In the order the template lists them (the offer's order), not the sorted order the comparison uses.
      ...(r.groups?.length ? { scope: { groups: [...r.groups].sort((x, y) => order(x) - order(y)) } } : {}),
      purpose: `${PLACEHOLDER} why the application needs this data`,
    });
  }
  return { requiredData: out };
}

/** A package and what is known beside it, wherever it was read from (a folder, an app.zip, a definition in Azure). */
export interface PackageSource {
  files: Map<string, Buffer>;
  /** How messages name the source. */
  shown: string;
  /** The definition's properties, when one is at hand. */
  definition?: unknown;
  /** The plan id and version the source names (offerkit's tags on a published definition). */
  plan?: { id?: string; version?: string };
  /** Paths of the source folder that were not read (dot-files, node_modules), to be named. */
  skipped?: string[];
}

/** The new offer may not be written inside the package folder it reads (nor be that folder). */
async function assertTargetOutsideSource(dirArg: string, source: string): Promise<void> {
  if (/\.zip$/i.test(source)) return;
  const from = await realPathOf(source);
  const to = await realPathOf(dirArg);
  if (to === from || to.startsWith(from.endsWith(sep) ? from : from + sep)) {
    throw new UserError({ code: 'output-refused', severity: 'error', message: `${displayPath(resolve(dirArg))} is inside the package folder ${displayPath(resolve(source))} that --from reads; offerkit init does not write the new offer into its source.`, file: displayPath(resolve(dirArg)), hint: 'Choose a folder outside the package (for example offers/<name>).' }, 2);
  }
}

export async function importPackage(dirArg: string, source: string, options: { id?: string } = {}): Promise<ImportResult> {
  await assertTargetOutsideSource(dirArg, source);
  const { files, shown, skipped } = await readSource(source);
  // A definition tells lock level, authorizations, policies…: definition.json beside an app.zip (as offerkit
  // build writes it) or at the root of a package folder.
  let definitionText: string | undefined;
  if (/\.zip$/i.test(source)) {
    const beside = join(dirname(resolve(source)), 'definition.json');
    if (existsSync(beside)) {
      const read = await readUserText(beside, { maxBytes: 4 * 1024 * 1024, what: 'Definition', code: 'import' });
      if (read.text === undefined) throw new UserError(read.diagnostics, 1);
      definitionText = read.text;
    }
  } else if (files.has('definition.json')) {
    definitionText = utf8(files.get('definition.json')!, 'definition.json', shown);
    files.delete('definition.json');
  }
  const definition = definitionText === undefined ? undefined : parseJsonSource(definitionText).value;
  return importFrom(dirArg, { files, shown, skipped, ...(definitionText !== undefined ? { definition: definition ?? null } : {}) }, options);
}

/** One plan of what is imported: its package and what is known about it. */
export interface PlanSpec {
  id?: string;
  version?: string;
  displayName?: string;
  description?: string;
  price?: Record<string, unknown>;
  files: Map<string, Buffer>;
  /** Paths of the source that were not read (dot-files, node_modules), to be named. */
  skipped?: string[];
}

/** Everything an import writes an offer folder from (a package, a definition, a marketplace offer). */
export interface ImportSpec {
  shown: string;
  /** The definition's properties (lock level, authorizations, policies…), when one is at hand; null when unreadable. */
  definition?: unknown;
  plans: PlanSpec[];
  /** offer.yaml fields the source states (listing, marketplace settings…), over the defaults and placeholders. */
  offer?: Record<string, unknown>;
  /** description.md and terms.md when the source has them (else the package's README, else placeholders). */
  description?: string;
  terms?: string;
  /** terms.md when neither `terms` nor an offerkit README of the package states them (a marketplace offer's HTML terms). */
  termsFallback?: string;
  /** Other files of the offer folder (the listing's logo), by path. */
  extraFiles?: ReadonlyMap<string, Uint8Array>;
  /** Each dataset's purpose, where the source states it (a marketplace listing's data section). */
  purposes?: ReadonlyMap<string, string>;
  notes?: string[];
}

/** Writes the new offer folder for a package source. */
export function importFrom(dirArg: string, src: PackageSource, options: { id?: string } = {}): Promise<ImportResult> {
  return writeImport(dirArg, { shown: src.shown, ...(src.definition !== undefined ? { definition: src.definition } : {}), plans: [{ ...src.plan, files: src.files, ...(src.skipped ? { skipped: src.skipped } : {}) }] }, options);
}

/** A plan's package, checked and read: its two JSON templates (text and value) and its other files. */
function readPlanPackage(plan: PlanSpec, shown: string, notes: string[]): { texts: Map<string, string>; values: Map<string, unknown>; others: Map<string, Buffer> } {
  const files = new Map(plan.files);
  const where = plan.id ? `${shown}, plan ${plan.id}` : shown;
  const refused = refusals(files, where, shown);
  if (refused.length) throw new UserError(refused, 1);
  // A root file named but for case (createUIDefinition.json) is taken under its exact name, which a package needs.
  for (const name of TEMPLATED) {
    if (files.has(name)) continue;
    const other = [...files.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
    if (other) {
      files.set(name, files.get(other)!);
      files.delete(other);
      notes.push(`${other} is named ${name} in the offer's packages, as a managed application package must name it.`);
    }
  }
  const missing = TEMPLATED.filter((n) => !files.has(n));
  if (missing.length) {
    const near = [...files.keys()].filter((k) => missing.some((m) => k.toLowerCase().split('/').pop() === m.toLowerCase()));
    throw new UserError({ code: 'import-not-a-package', severity: 'error', message: `${where} is not a managed application package: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not at its root.`, file: shown, ...(near.length ? { hint: `Found ${near.join(', ')}: a package has them at its root, with exactly these names.` } : {}) }, 1);
  }
  const texts = new Map<string, string>();
  const values = new Map<string, unknown>();
  for (const name of TEMPLATED) {
    const text = exactUtf8(files.get(name)!, name, shown);
    const parsed = parseJsonSource(text);
    // What the validator reads, the import adopts: only a file with no JSON value at all is refused. A duplicate
    // property is a finding — ARM keeps the last value, and so does every package the offer builds.
    const bad = parsed.diagnostics.find((d: Diagnostic) => d.severity === 'error');
    if (parsed.value === undefined) throw new UserError({ code: 'import-invalid-json', severity: 'error', message: `${where}: ${name} is not JSON offerkit can read: ${bad?.message ?? 'no value'}`, file: `${shown}/${name}`, ...(bad?.line ? { line: bad.line, column: bad.column ?? 1 } : {}) }, 1);
    for (const d of parsed.diagnostics.filter((x) => x.code === 'json-duplicate-key')) {
      notes.push(`${name}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ${d.message.replace(/ JSON readers disagree on which value wins\.$/, '')} ARM keeps the last value, and so do the offer's packages; the template keeps the text as it was, and offerkit build warns about it (render-duplicate-key) until you remove the one you do not mean.`);
    }
    values.set(name, parsed.value);
    texts.set(name, text);
    files.delete(name);
  }
  // What the folder holds besides the package is left out, and what the templates do not name is said.
  const sorted = sortPackageFiles(files, plan.skipped ?? [], (path) => path.toLowerCase() === 'readme.md', [...texts.values()]);
  for (const note of contentNotes(sorted)) if (!notes.includes(note)) notes.push(note);
  return { texts, values, others: sorted.kept };
}

/**
 * One template for every plan: the text itself when the plans' packages agree, else a branch per plan
 * (`{{#if (eq plan.id "…")}}`), each holding that plan's text as it was.
 */
function templateFor(name: string, plans: { id: string; text: string }[], notes: string[], shown: string): string {
  const made = plans.map((p) => ({ id: p.id, ...handlebarsSafe(p.text) }));
  const braces = made.reduce((n, m) => n + m.braces, 0);
  const escaped = made.reduce((n, m) => n + m.escaped, 0);
  const comments = made.reduce((n, m) => n + m.commentChars, 0);
  if (braces) notes.push(`${name}: "{{" is written so handlebars keeps it (\\u007b{ in strings, \\{{ in comments; the same JSON).`);
  if (escaped) notes.push(`${name}: ${escaped} carriage return${escaped === 1 ? '' : 's'} or control character${escaped === 1 ? '' : 's'} inside strings ${escaped === 1 ? 'is' : 'are'} written as JSON escapes (the same strings).`);
  if (comments) notes.push(`${name}: ${comments} control character${comments === 1 ? '' : 's'} in comments became spaces (comments are not part of the JSON).`);
  let text: string;
  if (made.every((p) => p.text === made[0].text)) text = made[0].text;
  else {
    notes.push(`${name} differs between plans: its template holds each plan's text, chosen by plan id.`);
    // A text ending in a backslash (a comment's last character) would escape the {{ of the next branch.
    text = made.map((p, k) => `${k === 0 ? '{{#if' : '{{else if'} (eq plan.id ${JSON.stringify(p.id)})}}${p.text}${p.text.endsWith('\\') ? '\n' : ''}`).join('') + '{{/if}}';
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new UserError({ code: 'import-file-too-large', severity: 'error', message: `${shown}: the template made from ${name} would be ${bytes} bytes${plans.length > 1 ? ` (the text of ${plans.length} plans)` : ''}; a template set reads a template of at most ${MAX_TEMPLATE_BYTES} bytes, so nothing was imported.`, file: `${shown}/${name}`, hint: 'Import the plans one by one, or move resources into nested templates.' }, 1);
  }
  return text;
}

export async function writeImport(dirArg: string, spec: ImportSpec, options: { id?: string } = {}): Promise<ImportResult> {
  const dir = resolve(dirArg);
  const id = options.id ?? offerIdFrom(basename(dir));
  if (!/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/.test(id)) throw usageError(`"${id}" is not a valid offer id (lower-case letters, digits and dashes, 3 to 50 characters).`, 'Pass one with --id.');
  const { shown } = spec;
  const notes: string[] = [...(spec.notes ?? [])];
  if (!spec.plans.length) throw new UserError({ code: 'import-no-plans', severity: 'error', message: `${shown} has no plan offerkit can import.` }, 1);
  const read = spec.plans.map((p) => readPlanPackage(p, shown, notes));
  const planIds = spec.plans.map((p) => p.id ?? 'standard');
  const out = new Map<string, string | Uint8Array>();
  for (const name of TEMPLATED) out.set(`template/${name}.hbs`, templateFor(name, read.map((r, k) => ({ id: planIds[k], text: r.texts.get(name)! })), notes, shown));
  let fromDefinition: FromDefinition | undefined;
  if (spec.definition !== undefined) {
    if (spec.definition === null) notes.push('The definition is not JSON; nothing was taken from it.');
    else {
      fromDefinition = offerFromDefinition(spec.definition, await loadPolicyLibrary());
      notes.push('Lock level, authorizations, policies and the other definition properties come from the definition.', ...fromDefinition.notes);
    }
  }
  let readme: string | undefined;
  const readmes: (string | undefined)[] = read.map(() => undefined);
  read.forEach((r, k) => {
    for (const [rel, bytes] of [...r.others].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (rel.split('/').some((seg) => !seg || seg === '.' || seg === '..') || rel.includes('\\')) {
        notes.push(`${JSON.stringify(rel)} is not a plain path inside the package; it was left out.`);
        continue;
      }
      if (rel.toLowerCase() === 'readme.md') {
        // Valid UTF-8 (refusals() made sure), so the text keeps every byte.
        readmes[k] = bytes.toString('utf8');
        if (k === 0) {
          readme = readmes[k];
          notes.push(spec.description === undefined ? `${rel} becomes the offer's description.md; the package gets offerkit's customer README instead.` : `${rel} is left out: the package gets offerkit's customer README.`);
        }
        continue;
      }
      const at = `template/static/${rel}`;
      const held = out.get(at);
      if (held === undefined) out.set(at, bytes);
      else if (!Buffer.from(held).equals(bytes)) notes.push(`${rel} differs between plans; the offer keeps plan ${planIds[0]}'s (a template set has one set of static files): plan ${planIds[k]}'s package will differ there.`);
    }
  });
  const main = read[0].values.get('mainTemplate.json');
  const statics = [...out.keys()].some((k) => k.startsWith('template/static/'));
  // offerkit's README tells what its package's offer said and Partner Center does not hold.
  const facts = readmeFacts(readme, read[0].texts.get('mainTemplate.json')!);
  const retention = readmes.map((text, k) => readmeFacts(text, read[k].texts.get('mainTemplate.json')!).retentionDays);
  const manifest = {
    name: `${id}-package`,
    description: `The package imported from ${basename(shown)} by offerkit init --from: its templates as they were, its other files as static files.`,
    ...(facts.installMinutes ? { installMinutes: facts.installMinutes } : {}),
    files: { 'mainTemplate.json': 'mainTemplate.json.hbs', 'createUiDefinition.json': 'createUiDefinition.json.hbs' },
    ...(statics ? { static: 'static', staticLineEndings: 'keep' } : {}),
    ...afterInstallOf(facts.afterInstall, main, [...out.keys()]),
    ...(retention.some((d) => d !== undefined) ? { inputs: { retentionDays: { label: 'Days copied data is kept', type: 'integer', description: "Days copied data is kept in the customer's storage (said in the README; the package's own template applies it).", minimum: 1 } } } : {}),
  };
  if (facts.notified && !prop(prop(spec.definition, 'notificationPolicy'), 'notificationEndpoints')) notes.push("The package's README says the publisher is notified of installs and changes, but the source does not hold the endpoint: add management.notificationEndpoints to offer.yaml (until then the README's publisher-access list differs by that line).");
  const publishScript = (manifest as { afterInstall?: { publishScript?: string } }).afterInstall?.publishScript;
  if (publishScript && !fromDefinition?.offer.management) notes.push(`A Synapse Administrator publishes this package's copy pipeline after installation (${publishScript}): set management in offer.yaml so that someone can make one (lockLevel CanNotDelete, or an authorization with the role User Access Administrator); the build refuses the offer until then.`);
  if (facts.installMinutes || facts.schedule !== undefined || facts.sink) notes.push("The install time, schedule and storage the package's README states are carried into offer.yaml and templateset.yaml.");
  const setSchema = relative(resolve(dir, 'template'), packagePath('schemas', 'templateset.schema.json')).split('\\').join('/');
  out.set('template/templateset.yaml', `# yaml-language-server: $schema=${setSchema}\n${stringify(manifest, { lineWidth: 120 })}`);
  const title = readme ? TITLE.exec(readme)?.groups[1]?.trim() : undefined;
  // offerkit's own README says the publisher and the price on its third line.
  const head = readme ? HEAD.exec(readme)?.groups : undefined;
  const readmePrice = head ? priceFromText(head[2]!) : undefined;
  if (head && !readmePrice && !spec.plans[0].price) notes.push(`The README's price (${head[2]}) could not be read back; the plan is free until you set one.`);
  const data = requiredDataOf(main);
  if (data.note) notes.push(data.note);
  for (const rd of data.requiredData ?? []) {
    const purpose = spec.purposes?.get(String(rd.dataset)) ?? facts.purposes?.get(String(rd.dataset));
    if (purpose) rd.purpose = purpose;
  }
  if (data.requiredData) notes.push(`requiredData lists the ${data.requiredData.length} dataset${data.requiredData.length === 1 ? '' : 's'} the copy activities request${data.requiredData.every((rd) => !String(rd.purpose).startsWith(PLACEHOLDER)) ? ', with the purposes the listing states' : '; write each purpose'}.`);
  if (read.length > 1 && read.some((r) => JSON.stringify(requiredDataOf(r.values.get('mainTemplate.json')).requiredData) !== JSON.stringify(data.requiredData))) {
    notes.push(`The plans' copy activities request different data; requiredData follows plan ${planIds[0]}'s.`);
  }
  const displayName = (title && title.length <= 50 ? title : id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' '));
  const free = { model: 'free', amount: 0, currency: 'USD', billingTerm: 'month' };
  const offer = {
    id,
    publisher: { name: head?.[1] ?? `${PLACEHOLDER} your company` },
    displayName,
    summary: `${PLACEHOLDER} one sentence for the listing`,
    description: { file: 'description.md' },
    terms: { file: 'terms.md' },
    privacyUrl: facts.privacyUrl ?? 'https://example.com/privacy',
    support: facts.support ?? { name: `${PLACEHOLDER} support team`, email: 'support@example.com' },
    template: { path: 'template' },
    ...(data.requiredData ? { requiredData: data.requiredData } : {}),
    ...(facts.schedule ? { schedule: facts.schedule } : {}),
    ...(facts.sink ? { sink: facts.sink } : {}),
    ...fromDefinition?.offer,
    ...(facts.jitAccess ? { management: { ...(fromDefinition?.offer.management as Record<string, unknown> | undefined), jitAccess: facts.jitAccess } } : {}),
    ...spec.offer,
    plans: spec.plans.map((p, k) => ({
      id: planIds[k],
      displayName: p.displayName ?? fromDefinition?.planDisplayName ?? 'Standard',
      description: p.description ?? `${PLACEHOLDER} what this plan offers`,
      version: p.version ?? versionOf(read[k].values.get('mainTemplate.json')),
      price: p.price ?? (k === 0 ? readmePrice : undefined) ?? free,
      ...(retention[k] !== undefined ? { inputs: { retentionDays: retention[k] } } : {}),
    })),
  };
  const offerSchema = relative(dir, packagePath('schemas', 'offer.schema.json')).split('\\').join('/');
  const body = stringify(offer, { lineWidth: 120 });
  const todo = body.includes(PLACEHOLDER) ? ` Replace every ${PLACEHOLDER} value (and privacyUrl, support.email) before publishing:\n# offerkit validate --target marketplace reports the ones left.` : '';
  out.set('offer.yaml', `# yaml-language-server: $schema=${offerSchema}\n# Imported by offerkit init --from ${basename(shown)}.${todo}\n${body}`);
  const shownName = String(offer.displayName);
  out.set('description.md', spec.description ?? readme ?? `# ${shownName}\n\n${PLACEHOLDER} describe what ${shownName} does for the customer.\n`);
  out.set('terms.md', spec.terms ?? facts.terms ?? spec.termsFallback ?? `# Terms of service\n\n${PLACEHOLDER} the terms the customer accepts by deploying ${shownName}.\n`);
  const placeholders = [spec.description === undefined ? 'Listing text' : '', spec.plans.every((p) => p.price) || readmePrice ? '' : 'price (free for now)', spec.offer?.support || facts.support ? '' : 'support and privacy address'].filter(Boolean);
  if (placeholders.length) notes.push(`${placeholders.join(', ')}: placeholders marked ${PLACEHOLDER}.`);
  if (isObject(main) && prop(main, 'resources') === undefined) notes.push('mainTemplate.json declares no resources.');
  for (const [path, bytes] of spec.extraFiles ?? []) out.set(path, bytes);
  await createNewFolder(dir, out, dirArg);
  return { dir: relative(process.cwd(), dir) || '.', id, source: shown, files: [...out.keys()].sort(), notes };
}
