// What the validator validates: a set of JSON files with their roles (main template, createUiDefinition,
// viewDefinition, other templates), read from a package folder, a single file, an app.zip or a rendered
// offer plan. Roles are assigned the way arm-ttk assigns them, so results compare with its corpus.

import { basename, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { FileRoot, readUserText } from '../fs/read-inside.js';
import { decodeUtf8 } from '../fs/text.js';
import type { Offer, Plan } from '../offer/model.js';
import type { PlanChanges } from '../changes/compare.js';
import { inspectPackageFile, type InspectedPackage } from '../package/inspect-package.js';
import type { RenderedPlan } from '../render/render-plan.js';
import { isObject, prop } from '../arm/template.js';
import { parseJsonSource, type JsonSource } from '../util/json-source.js';
import { textOf } from '../util/text-of.js';

export type FileRole = 'mainTemplate' | 'createUiDefinition' | 'viewDefinition' | 'template' | 'json';

export interface SourceFile {
  /** As diagnostics name it. */
  display: string;
  /** Path inside the package, '/'-separated. */
  path: string;
  text: string;
  json: JsonSource;
  role: FileRole;
  size: number;
}

export interface PackageInput {
  label: string;
  kind: 'folder' | 'zip' | 'file' | 'offer';
  files: SourceFile[];
  mainTemplate?: SourceFile;
  /** arm-ttk's IsMainTemplate for the main template (false for a single non-main template file). */
  isMainTemplate: boolean;
  createUiDefinition?: SourceFile;
  viewDefinition?: SourceFile;
  /** Templates other than the main one (nested/linked), tested as non-main templates. */
  templates: SourceFile[];
  zip?: InspectedPackage;
  offer?: Offer;
  plan?: Plan;
  /** What this plan changes since the configured baseline (offers only, when one is configured). */
  changes?: PlanChanges;
  /** Findings from reading the input itself (zip inspection, offer loading, unreadable files). */
  diagnostics: Diagnostic[];
}

const MAIN_NAMES = ['azuredeploy.json', 'maintemplate.json', 'prereq.azuredeploy.json'];
/**
 * The largest JSON file validate reads: twice the 4 MB ARM accepts for a template (learn.microsoft.com/azure/
 * azure-resource-manager/templates/best-practices#template-limits), so every template ARM could take is read and
 * one past its limit is still measured by arm-template-limits. Larger ones are refused unread: parsing with
 * positions takes about 13 times the file's size in memory (50 MB took 650 MB), past the 300 MB bound every
 * command keeps.
 */
export const MAX_JSON_FILE = 8 * 1024 * 1024;
const TOO_LARGE_HINT = 'offerkit reads JSON files up to 8 MB; ARM refuses a template over 4 MB. Split the template into linked or nested templates.';

/** A file refused by its size says why the limit is what it is. */
function explained(d: Diagnostic): Diagnostic {
  return d.code === 'file-too-large' && !d.hint ? { ...d, hint: TOO_LARGE_HINT } : d;
}
const MAX_FILES = 2000;

/** What a JSON document is, by its $schema, else by its name (arm-ttk's classification). */
export function classify(value: unknown, name: string): FileRole {
  const schema = isObject(value) ? textOf(prop(value, '$schema')) : '';
  const lower = schema.toLowerCase();
  if (lower.includes('createuidefinition')) return 'createUiDefinition';
  if (lower.includes('viewdefinition')) return 'viewDefinition';
  if (lower.includes('deploymenttemplate')) return 'template';
  const base = name.toLowerCase().split('/').pop()!;
  if (!schema) {
    if (base.includes('createuidefinition')) return 'createUiDefinition';
    if (base.includes('viewdefinition')) return 'viewDefinition';
    if (MAIN_NAMES.includes(base) || (isObject(value) && prop(value, 'resources') !== undefined)) return 'template';
  }
  return 'json';
}

export function sourceFile(path: string, display: string, text: string, parsed?: JsonSource): SourceFile {
  const json = parsed ?? parseJsonSource(text);
  return { display, path, text, json, role: classify(json.value, path), size: Buffer.byteLength(text) };
}

/** Assigns main template / createUiDefinition / viewDefinition among the files at the package root. */
export function assignRoles(label: string, kind: PackageInput['kind'], files: SourceFile[]): PackageInput {
  const root = files.filter((f) => !f.path.includes('/'));
  const byName = (n: string) => root.find((f) => f.path.toLowerCase() === n);
  let main: SourceFile | undefined;
  for (const n of MAIN_NAMES) {
    main = byName(n);
    if (main) break;
  }
  const ui = byName('createuidefinition.json') ?? (kind === 'file' ? files.find((f) => f.role === 'createUiDefinition') : undefined);
  const view = byName('viewdefinition.json') ?? (kind === 'file' ? files.find((f) => f.role === 'viewDefinition') : undefined);
  if (main) main.role = 'mainTemplate';
  if (ui) ui.role = 'createUiDefinition';
  if (view) view.role = 'viewDefinition';
  const templates = files.filter((f) => f !== main && f.role === 'template');
  return {
    label,
    kind,
    files,
    ...(main ? { mainTemplate: main } : {}),
    isMainTemplate: Boolean(main),
    ...(ui ? { createUiDefinition: ui } : {}),
    ...(view ? { viewDefinition: view } : {}),
    templates,
    diagnostics: [],
  };
}

const display = (p: string) => relative(process.cwd(), p) || p;

/** JSON text from untrusted bytes: strict UTF-8, or a diagnostic at the first invalid byte. */
function jsonText(bytes: Buffer, shown: string, diagnostics: Diagnostic[]): string | undefined {
  const d = decodeUtf8(bytes);
  if ('text' in d) return d.text;
  diagnostics.push({ code: 'json-invalid-utf8', severity: 'error', message: d.error, file: shown, line: d.position.line, column: d.position.column, hint: 'Save the file as UTF-8.' });
  return undefined;
}

export async function packageFromFolder(dir: string): Promise<PackageInput> {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const root = await FileRoot.open(dir, `the package folder ${display(dir)}`);
  const walked = await root.walk('.', {
    maxBytes: MAX_JSON_FILE,
    maxFiles: MAX_FILES,
    what: 'JSON file',
    skip: (name) => name === 'node_modules' || name.startsWith('.'),
    only: (name) => /\.jsonc?$/i.test(name),
  });
  diagnostics.push(...walked.diagnostics.map(explained));
  for (const f of walked.files) {
    const text = jsonText(f.bytes, display(f.path), diagnostics);
    if (text !== undefined) files.push(sourceFile(f.rel, display(f.path), text));
  }
  const input = assignRoles(display(dir), 'folder', files);
  input.diagnostics.push(...diagnostics);
  return input;
}

export async function packageFromFile(path: string): Promise<PackageInput> {
  const read = await readUserText(path, { maxBytes: MAX_JSON_FILE, what: 'JSON file' });
  if (read.text === undefined) {
    const input = assignRoles(display(path), 'file', []);
    input.diagnostics.push(...read.diagnostics.map((d) => explained(d.code === 'invalid-utf8' ? { ...d, code: 'json-invalid-utf8' } : d)));
    return input;
  }
  const f = sourceFile(basename(path), display(path), read.text);
  const input = assignRoles(display(path), 'file', [f]);
  // A single template is the main one only under one of the main names (arm-ttk).
  if (!input.mainTemplate && f.role === 'template') {
    input.templates = [];
    input.mainTemplate = f;
    input.isMainTemplate = false;
  }
  return input;
}

export async function packageFromZip(path: string): Promise<PackageInput> {
  const zip = await inspectPackageFile(path, display(path));
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, bytes] of zip.contents) {
    if (!/\.jsonc?$/i.test(name)) continue;
    if (bytes.length > MAX_JSON_FILE) {
      diagnostics.push(explained({ code: 'file-too-large', severity: 'error', message: `JSON file ${name} in ${display(path)} is ${bytes.length} bytes; the limit is ${MAX_JSON_FILE}.`, file: `${display(path)}/${name}` }));
      continue;
    }
    const text = jsonText(bytes, `${display(path)}/${name}`, diagnostics);
    if (text !== undefined) files.push(sourceFile(name, `${display(path)}/${name}`, text));
  }
  const input = assignRoles(display(path), 'zip', files);
  input.zip = zip;
  input.diagnostics.push(...zip.diagnostics, ...diagnostics);
  return input;
}

/** A rendered plan as the validator reads it, with what it changes since the configured baseline, if one was compared. */
export function packageFromRendered(r: RenderedPlan, changes?: PlanChanges): PackageInput {
  const files: SourceFile[] = [];
  for (const [name, bytes] of r.files) {
    if (!/\.jsonc?$/i.test(name)) continue;
    files.push(sourceFile(name, `${r.label}/${name}`, bytes.toString('utf8'), r.parsed.get(name)));
  }
  const input = assignRoles(r.label, 'offer', files);
  input.offer = r.offer;
  input.plan = r.plan;
  if (changes) input.changes = changes;
  return input;
}
