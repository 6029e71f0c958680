// A seeded fuzzer for the whole command line: mutated offers (text and structure), mutated template sets,
// mutated packages, files swapped for links, FIFOs and folders, report files aimed at inputs, regular
// expression, template and zip bombs, and text meant to steer a terminal or a CI runner, run through build,
// validate, preview --out and inspect as child processes; and, for the third round of hostile input, report
// files aimed at FIFOs, sockets, device nodes, links and the user's files; output folders named like
// offerkit's without a manifest; packages adopted with init --from (comments, quotes and braces in their
// templates, steering names, invalid UTF-8, READMEs that were quadratic); helper-output and tag bombs; zips
// whose zip64 fields lie; a --since of 100,000 characters; parameters named __proto__; and templates naming
// thousands of resource types of Azure's catalogue with weird bodies. Every run must end on
// its own with exit 0, 1 or 2 within the time bound, print no internal error, stack trace or steering text,
// leave every input file (and every special file it was aimed at) as it was, and stay under a memory bound;
// some kinds check what they promise besides (an import keeps every string, a lie is called damage). Used by
// `npm test` (a few dozen cases, every kind met) and by `npm run fuzz -- --iterations N --seed S`.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse, stringify } from 'yaml';
import { parseJsonSource } from '../../src/util/json-source.js';
import { CLI, copyTemplateSet, EXAMPLE_OFFER, ROOT } from '../helpers/cli.js';
import { makeZip } from '../helpers/make-zip.js';
import { rng } from '../helpers/seeded-random.js';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

const YAML_BITS = ['&a ', '*a', '\n---\n', '!!binary ', '{', '[', ']', '}', '"\\u202E"', '\t', ': ', '- ', '"\\0"', '|\n', '>-\n', '? ', '%YAML 1.2\n', '\uFEFF', '~', '<<: *a\n', '[' .repeat(300), '0x7fffffffffffffffffff', '.inf', 'constructor: 1\n', '__proto__: {}\n'];
const HBS_BITS = ['{{', '}}', '{{#if x}}', '{{/if}}', '{{/each}}', '{{json offer.nope.deeper}}', '{{{offer.id}}}', '{{> partial}}', '{{#each plan}}{{/each}}', '{{json (nope 1)}}', '{{#unknown}}x{{/unknown}}', '{{!-- ', '{{json}}', '\\{{json offer.id}}', '{{lookup . "constructor"}}'];
const WEIRD: unknown[] = [null, true, 0, -1, 1e308, '', ' ', '\u202E', '\u0000', '[x]', '[concat(', 'x'.repeat(5000), [], {}, [[[[]]]], { constructor: 1 }, { __proto__: { polluted: true } }, 'https://', '../../etc/passwd', '/dev/zero'];

function mutateText(text: string, r: () => number, bits: readonly string[]): string {
  let t = text;
  const times = 1 + Math.floor(r() * 3);
  for (let k = 0; k < times; k++) {
    const at = Math.floor(r() * (t.length + 1));
    const op = r();
    if (op < 0.2) t = t.slice(0, at);
    else if (op < 0.55) t = t.slice(0, at) + pick(r, bits) + t.slice(at);
    else if (op < 0.75) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 40));
    else if (op < 0.9) {
      const lines = t.split('\n');
      const i = Math.floor(r() * lines.length);
      lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? '');
      t = lines.join('\n');
    } else {
      const b = Buffer.from(t);
      if (b.length) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      t = b.toString('latin1');
    }
  }
  return t;
}

function mutateValue(value: unknown, r: () => number): unknown {
  const nodes: { parent: Record<string | number, unknown>; key: string | number }[] = [];
  const visit = (n: unknown, depth: number) => {
    if (depth > 20 || n === null || typeof n !== 'object') return;
    for (const k of Array.isArray(n) ? [...n.keys()] : Object.keys(n)) {
      nodes.push({ parent: n as Record<string | number, unknown>, key: k });
      visit((n as Record<string | number, unknown>)[k], depth + 1);
    }
  };
  const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  visit(copy, 0);
  const times = 1 + Math.floor(r() * 3);
  for (let i = 0; i < times && nodes.length; i++) {
    const { parent, key } = pick(r, nodes);
    const op = r();
    if (op < 0.6) parent[key] = pick(r, WEIRD);
    else if (op < 0.8) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = [parent[key], parent[key]];
  }
  return copy;
}

export interface FuzzCase {
  index: number;
  kind: string;
  dir: string;
  args: string[];
  /** Special files and links the run must leave exactly as they were (kind, device, link target, bytes). */
  watch?: string[];
  /** What this kind promises besides the common rules: the problem, or undefined. */
  verify?: (outcome: { code: number | null; output: string }) => Promise<string | undefined>;
}

export interface FuzzOutcome extends FuzzCase {
  code: number | null;
  ms: number;
  maxRssMb: number;
  problem?: string;
  output: string;
}

/** Loaded into each case's process: at exit it records its peak memory and the CPU time it used. */
const PRELOAD = `process.on('exit', () => { try { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.OFFERKIT_FUZZ_RSS, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) })); } catch {} });`;

/** The example's starter package, built once per fuzz run: the seed of the mutated packages. */
async function pristinePackage(base: string): Promise<Buffer> {
  const built = join(base, 'pristine');
  await new Promise<void>((resolve, reject) => {
    const c = spawn(process.execPath, [CLI, 'build', EXAMPLE_OFFER, '--out', built, '--plan', 'starter'], { stdio: 'ignore' });
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fuzz set-up: building the example exited ${code}`))));
  });
  return readFile(join(built, 'contoso-mail-insights', 'starter', 'app.zip'));
}

/** The pristine package's files, by name. */
async function pristineEntries(pristine: Buffer): Promise<Map<string, Buffer>> {
  const { inspectPackageBuffer } = await import('../../src/package/inspect-package.js');
  return inspectPackageBuffer(pristine, 'pristine.zip').contents;
}

/**
 * JSON text in the other forms the template reader takes, with text handlebars would read: comments holding
 * quotes and braces, a string single-quoted, {{ in strings and comments, CRLF line ends, a carriage return
 * inside a string, a backslash before {{.
 */
function twistJson(text: string, r: () => number): string {
  let t = text;
  const times = 1 + Math.floor(r() * 4);
  for (let k = 0; k < times; k++) {
    const op = pick(r, ['comment', 'block', 'single', 'braces', 'crlf', 'cr', 'backslash']);
    if (op === 'comment') t = t.replace(/\{\n/, `{\n  // it's ${pick(r, ['"quoted"', '{{x}}', '\\{{y}}', "'"])} here\n`);
    else if (op === 'block') t = t.replace(/,\n/, `, /* say "hi" {{z}} it's */\n`);
    else if (op === 'single') t = t.replace(/"contentVersion": "([^"]*)"/, `"contentVersion": '$1'`).replace(/"\$schema"/, "'$schema'");
    else if (op === 'braces') t = t.replace(/"(description|displayName|name)": "/, `"$1": "{{keep-me}} {{{a}}} \\\\{{b}} `);
    else if (op === 'crlf') t = t.replace(/\n/g, '\r\n');
    else if (op === 'cr') t = t.replace(/"(description|displayName)": "/, '"$1": "line\rbreak ');
    else t = t.replace(/\{\n/, '{\n  // C:\\{{dir}}\n');
  }
  return t;
}

/** Builds the input of case `index` for `seed` in a fresh folder. */
export async function makeCase(seed: number, index: number, base: string, pristine: Buffer): Promise<FuzzCase> {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const dir = await mkdtemp(join(base, `case-${index}-`));
  const offer = join(dir, 'offer');
  await cp(EXAMPLE_OFFER, offer, { recursive: true });
  const offerYaml = await readFile(join(offer, 'offer.yaml'), 'utf8');
  const kinds = ['offer-text', 'offer-structure', 'template-set', 'package', 'files', 'markdown', 'report-over-input', 'regex-bomb', 'template-bomb', 'zip-bomb', 'ci-text', 'report-target', 'output-named-like-ours', 'import', 'import-names', 'helper-bomb', 'zip-lie', 'echo-and-proto', 'resource-types'] as const;
  // Every kind in turn (from a seed-chosen start), so a short run meets them all; what each does is random.
  const kind = kinds[(index + seed) % kinds.length];
  const out = join(dir, 'out');
  const commands = (target: string): string[][] => [
    ['build', target, '--out', out],
    ['validate', target, '--format', 'json'],
    ['preview', target, '--out', out],
  ];
  switch (kind) {
    case 'offer-text':
      await writeFile(join(offer, 'offer.yaml'), mutateText(offerYaml, r, YAML_BITS));
      return { index, kind, dir, args: pick(r, commands(offer)) };
    case 'offer-structure': {
      const value = parse(offerYaml) as unknown;
      await writeFile(join(offer, 'offer.yaml'), stringify(mutateValue(value, r)));
      return { index, kind, dir, args: pick(r, commands(offer)) };
    }
    case 'markdown': {
      const f = pick(r, ['description.md', 'terms.md']);
      const text = await readFile(join(offer, f), 'utf8');
      await writeFile(join(offer, f), mutateText(text, r, ['[x](javascript:alert(1))', '![i](http://x/y.png)', '<script>', '\u202E', '\u0000', '```', '# ', '\r\n', '[x](http://plain)']));
      return { index, kind, dir, args: pick(r, commands(offer)) };
    }
    case 'template-set': {
      const set = join(offer, 'tpl');
      await copyTemplateSet('mgdc-adf', set);
      await writeFile(join(offer, 'offer.yaml'), offerYaml.replace('set: mgdc-adf', 'path: tpl'));
      const f = pick(r, ['mainTemplate.json.hbs', 'createUiDefinition.json.hbs', 'viewDefinition.json.hbs', 'templateset.yaml']);
      const text = await readFile(join(set, f), 'utf8');
      await writeFile(join(set, f), mutateText(text, r, f.endsWith('.yaml') ? YAML_BITS : HBS_BITS));
      return { index, kind, dir, args: pick(r, commands(offer)) };
    }
    case 'package': {
      const zip = Buffer.from(pristine);
      const times = 1 + Math.floor(r() * 6);
      let bytes = zip;
      for (let k = 0; k < times; k++) {
        const op = r();
        if (op < 0.2) bytes = bytes.subarray(0, Math.floor(r() * bytes.length));
        else if (op < 0.8) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
        else {
          // Lie about a size in the central directory.
          const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
          if (cd >= 0 && cd + 28 <= bytes.length) bytes.writeUInt32LE(Math.floor(r() * 0xffffffff), cd + (r() < 0.5 ? 20 : 24));
        }
      }
      const file = join(dir, 'app.zip');
      await writeFile(file, bytes);
      return { index, kind, dir, args: pick(r, [['inspect', file], ['validate', file, '--format', 'json']]) };
    }
    case 'report-over-input': {
      // A report file named after an input of the same run, however spelled: refused, the input kept.
      const victim = pick(r, [join(offer, 'offer.yaml'), join(offer, '.', 'terms.md'), join(offer, 'description.md'), join(offer, '..', 'offer', 'pricing.json')]);
      const report = pick(r, ['--sarif', '--junit', '--summary']);
      return { index, kind: `report-over-input:${report}`, dir, args: [...pick(r, [['build', offer, '--out', out], ['validate', offer, '--format', 'json']]), report, victim] };
    }
    case 'regex-bomb': {
      // Patterns that backtrack exponentially, in a template set's input and in a package's regex constraint.
      const bomb = pick(r, ['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', '(x+x+)+y']);
      if (r() < 0.5) {
        const set = join(offer, 'tpl');
        await cp(join(ROOT, 'templates', 'minimal'), set, { recursive: true });
        await writeFile(join(set, 'templateset.yaml'), `${await readFile(join(set, 'templateset.yaml'), 'utf8')}  tag:\n    label: Tag\n    type: string\n    description: A tag.\n    pattern: ${JSON.stringify(bomb)}\n`);
        await writeFile(join(offer, 'offer.yaml'), offerYaml.replace(/template:\n {2}set: mgdc-adf\n {2}inputs:\n/, `template:\n  path: tpl\n  inputs:\n    tag: ${'a'.repeat(20_000 + Math.floor(r() * 20_000))}!\n`).replace(/^ {4}(diagnosticLogs|logRetentionDays|startTriggerOnInstall):.*\n/gm, ''));
        return { index, kind: 'regex-bomb:template-set', dir, args: pick(r, commands(offer)) };
      }
      const pkg = join(dir, 'pkg');
      await mkdir(pkg);
      const ui = { $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [{ name: 'tag', type: 'Microsoft.Common.TextBox', label: 'Tag', defaultValue: `${'a'.repeat(30_000)}!`, toolTip: 'A tag.', constraints: { required: true, regex: bomb, validationMessage: 'No.' } }], steps: [], outputs: { tag: "[basics('tag')]", location: '[location()]' } } };
      const main = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: { tag: { type: 'string', allowedValues: [`*${'a*'.repeat(2000)}`] }, location: { type: 'string', defaultValue: '[resourceGroup().location]' } }, resources: [], outputs: {} };
      await writeFile(join(pkg, 'createUiDefinition.json'), JSON.stringify(ui));
      await writeFile(join(pkg, 'mainTemplate.json'), JSON.stringify(main));
      return { index, kind: 'regex-bomb:package', dir, args: pick(r, [['validate', pkg, '--format', 'json'], ['preview', pkg, '--out', out]]) };
    }
    case 'template-bomb': {
      // Deep nesting and loops over large lists in a template set.
      const set = join(offer, 'tpl');
      await copyTemplateSet('mgdc-adf', set);
      await writeFile(join(offer, 'offer.yaml'), offerYaml.replace('set: mgdc-adf', 'path: tpl'));
      const mainFile = join(set, 'mainTemplate.json.hbs');
      const main = await readFile(mainFile, 'utf8');
      const depth = pick(r, [60, 500, 5000]);
      const bomb = pick(r, [`${'{{#if offer.id}}'.repeat(depth)}x${'{{/if}}'.repeat(depth)}`, '{{#each offer.plans}}{{#each @root.offer.plans}}{{#each @root.offer.plans}}{{json this}}{{/each}}{{/each}}{{/each}}', `${'{{#each offer.plans}}'.repeat(12)}{{json @root.offer.id}}${'{{/each}}'.repeat(12)}`]);
      await writeFile(mainFile, main.replace('"offer": {{json offer.id}}', `"offer": {{json offer.id}}, "x": "${bomb}"`));
      return { index, kind: 'template-bomb', dir, args: pick(r, commands(offer)) };
    }
    case 'zip-bomb': {
      // Many entries, each under the per-entry bomb floor, adding up to far more than any package holds.
      const { writeDeterministicZip } = await import('../../src/package/zip-write.js');
      const entries = new Map<string, Buffer>([['mainTemplate.json', Buffer.from('{}')], ['createUiDefinition.json', Buffer.from('{}')]]);
      const count = 40 + Math.floor(r() * 80);
      const zeros = Buffer.alloc(8 * 1024 * 1024);
      for (let k = 0; k < count; k++) entries.set(`nested/blob-${k}.json`, zeros);
      const file = join(dir, 'app.zip');
      await writeFile(file, await writeDeterministicZip(entries));
      return { index, kind: 'zip-bomb', dir, args: pick(r, [['inspect', file], ['validate', file, '--format', 'json'], ['preview', file, '--out', out]]) };
    }
    case 'ci-text': {
      // Text that would steer a terminal or a CI runner, in offer text and in file names, through the CI formats.
      const steer = pick(r, ['\u001b]8;;http://x\u0007', '\n::error::forged', '\r\n##vso[task.setvariable variable=x]1', '%0A::add-mask::x', '\u009b31m', '\u007f']);
      await writeFile(join(offer, 'offer.yaml'), offerYaml.replace(/^summary: .*$/m, `summary: ${JSON.stringify(`A summary ${steer} end`)}`));
      const format = pick(r, ['github', 'azure-pipelines', 'stylish']);
      return { index, kind: `ci-text:${format}`, dir, args: pick(r, [['build', offer, '--out', out, '--format', format], ['validate', offer, '--format', format]]) };
    }
    case 'report-target': {
      // A report option aimed at something that is not a file offerkit may replace: refused, left as it was.
      const target = join(dir, 'report');
      const how = pick(r, ['fifo', 'device', 'link-file', 'link-device', 'dangling', 'user-file', 'stream']);
      if (how === 'fifo') execFileSync('mkfifo', [target]);
      else if (how === 'device') execFileSync('mknod', [target, 'c', '1', '3']);
      else if (how === 'link-file' || how === 'link-device') {
        if (how === 'link-device') execFileSync('mknod', [join(dir, 'device'), 'c', '1', '3']);
        else await writeFile(join(dir, 'kept.txt'), 'kept\n');
        await symlink(join(dir, how === 'link-device' ? 'device' : 'kept.txt'), target);
      } else if (how === 'dangling') await symlink(join(dir, 'nowhere'), target);
      else if (how === 'user-file') await writeFile(target, 'my notes\n');
      const path = how === 'stream' ? '-' : target;
      // --summary appends to a file of the user's by design; it meets the other targets.
      const option = pick(r, [['validate', offer, '--sarif', path], ['validate', offer, '--junit', path], ['build', offer, '--out', out, '--sarif', path], ['preview', offer, '--parameters-out', path], ...(how === 'user-file' ? [] : [['validate', offer, '--summary', path]])]);
      return { index, kind: `report-target:${option[0]}:${option[option.length - 2]}:${how}`, dir, args: option, watch: how === 'stream' ? [] : [target, join(dir, 'device')] };
    }
    case 'output-named-like-ours': {
      // An output folder holding files named as offerkit names its output, but no manifest: the user's.
      const preview = r() < 0.5;
      const folder = preview ? out : join(out, 'contoso-mail-insights', pick(r, ['starter', 'standard', 'enterprise']));
      await mkdir(folder, { recursive: true });
      const mine: string[] = [];
      for (const name of preview ? ['index.html', 'install.html'] : ['README.md', 'definition.json', 'app.zip']) {
        if (r() < 0.3 && name !== 'index.html' && name !== 'README.md') continue;
        await writeFile(join(folder, name), `mine: ${name}\n`);
        mine.push(join(folder, name));
      }
      if (r() < 0.3) await writeFile(join(folder, '.offerkit-manifest.json'), JSON.stringify({ writtenBy: 'offerkit', files: { 'README.md': '0'.repeat(64), 'index.html': 'f'.repeat(64) } }));
      return { index, kind: `output-named-like-ours:${preview ? 'preview' : 'build'}`, dir, args: preview ? ['preview', offer, '--out', out] : ['build', offer, '--out', out], watch: mine };
    }
    case 'import': {
      // A package adopted with init --from: its templates rewritten in every form the template reader takes.
      const pkg = join(dir, 'pkg');
      await mkdir(pkg);
      const entries = await pristineEntries(pristine);
      for (const [name, data] of entries) {
        await mkdir(join(pkg, name, '..'), { recursive: true });
        await writeFile(join(pkg, name), data);
      }
      const main = entries.get('mainTemplate.json')!.toString('utf8');
      const twisted = twistJson(main, r);
      await writeFile(join(pkg, 'mainTemplate.json'), twisted);
      const readme = pick(r, [undefined, `# T\n\n## Support\n\nx — ${'@'.repeat(20_000 + Math.floor(r() * 200_000))}\n`, '### a (`b`)\n'.repeat(50_000), Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]), `## Terms of service\n\nx${' '.repeat(500_000)}y\n`]);
      if (readme !== undefined) await writeFile(join(pkg, 'README.md'), readme);
      const target = join(dir, 'adopted');
      return {
        index, kind: 'import', dir, args: ['init', target, '--from', pkg],
        verify: async ({ code }) => {
          if (code !== 0) return undefined;
          const hbs = await readFile(join(target, 'template', 'mainTemplate.json.hbs'), 'utf8');
          const statements = Handlebars.parse(hbs).body.filter((st) => st.type !== 'ContentStatement');
          if (statements.length) return `the imported template holds handlebars statements: ${statements.map((st) => st.type).join(', ')}`;
          const rendered = parseJsonSource(Handlebars.compile(hbs)({}).replace(/\r\n?/g, '\n')).value;
          const source = parseJsonSource(twisted).value;
          return JSON.stringify(rendered) === JSON.stringify(source) ? undefined : 'the imported template does not render to the JSON it was made from';
        },
      };
    }
    case 'import-names': {
      // A package whose file names would steer a terminal or a runner: refused, nothing written.
      const pkg = join(dir, 'pkg');
      for (const [name, data] of await pristineEntries(pristine)) {
        await mkdir(join(pkg, name, '..'), { recursive: true });
        await writeFile(join(pkg, name), data);
      }
      const name = pick(r, ['\u001b]8;;x\u0007link.sh', 'evil\u202Ehs.exe', 'x\n::add-mask::y.sh', 'bell\u0007.json', 'c1\u009b2J.txt', 'tab\tname.sh']);
      await mkdir(join(pkg, 'scripts'), { recursive: true });
      await writeFile(join(pkg, 'scripts', name), 'echo\n');
      const target = join(dir, 'adopted');
      return { index, kind: 'import-names', dir, args: ['init', target, '--from', pkg], verify: async ({ code }) => (code === 1 && !(await lstat(target).catch(() => undefined)) ? undefined : `exit ${code}: a steering file name was not refused before anything was written`) };
    }
    case 'helper-bomb': {
      // Output made by helpers outside any loop, strings doubled in nested {{#with}}, and more tags than compile quickly.
      const set = join(offer, 'tpl');
      await cp(join(ROOT, 'templates', 'mgdc-adf'), set, { recursive: true });
      await writeFile(join(offer, 'offer.yaml'), offerYaml.replace('set: mgdc-adf', 'path: tpl'));
      const mainFile = join(set, 'mainTemplate.json.hbs');
      const main = await readFile(mainFile, 'utf8');
      const nest = (inner: string, helper: string) => {
        let body = inner;
        for (let i = 40; i > 0; i--) body = `{{#with (${helper} ${i === 1 ? 'offer.id' : `v${i - 1}`} ${i === 1 ? 'offer.id' : `v${i - 1}`}) as |v${i}|}}${body}{{/with}}`;
        return body;
      };
      const bomb = pick(r, [Array.from({ length: 600 }, () => '{{json (array this this this this)}}').join(''), nest('{{json v40}}', 'concat'), nest('{{json v40}}', 'array'), nest('{{json (join v40 ",")}}', 'array'), '{{json offer.id}}'.repeat(6000 + Math.floor(r() * 100_000))]);
      await writeFile(mainFile, main.replace('"offer": {{json offer.id}}', `"offer": {{json offer.id}}, "x": "${bomb}"`));
      return { index, kind: 'helper-bomb', dir, args: pick(r, commands(offer)) };
    }
    case 'zip-lie': {
      // A small zip whose central directory lies about a size in a zip64 field: damage, said as such.
      const lie = Buffer.alloc(12);
      lie.writeUInt16LE(0x0001, 0);
      lie.writeUInt16LE(pick(r, [8, 8, 200, 4]), 2);
      lie.writeBigUInt64LE(BigInt(Math.floor(r() * 2 ** 40)) + 2n ** 27n, 4);
      const entries = [...(await pristineEntries(pristine))].map(([name, data]) => ({ name, data, deflate: true }));
      const file = join(dir, 'app.zip');
      await writeFile(file, makeZip([...entries, { name: 'liar.json', data: '{}', deflate: true, declaredSize: 0xffffffff, centralExtra: lie }]));
      return {
        index, kind: 'zip-lie', dir, args: pick(r, [['inspect', file, '--json'], ['validate', file, '--format', 'json']]),
        verify: ({ output }) => Promise.resolve(/liar\.json[^\n]*the archive is damaged/.test(output) && !output.includes('more than 67108864 bytes uncompressed') ? undefined : 'the lie was not reported as damage'),
      };
    }
    case 'echo-and-proto': {
      if (r() < 0.5) {
        // A --since of 100,000 characters: refused, and not echoed whole.
        const since = `${pick(r, ['v', '../', 'marketplace:', 'service-catalog'])}${'x'.repeat(100_000)}`;
        return { index, kind: 'echo-and-proto:since', dir, args: ['changes', offer, '--since', since], verify: ({ output }) => Promise.resolve(output.length < 10_000 ? undefined : `${output.length} characters of output for a long --since`) };
      }
      // A package whose parameters and outputs are named __proto__ and constructor: kept as names.
      const pkg = join(dir, 'pkg');
      await mkdir(pkg);
      const names = ['__proto__', 'constructor', 'toString'].filter(() => r() < 0.8);
      const main = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: {} as Record<string, unknown>, resources: [] };
      const ui = { $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps: [], outputs: {} as Record<string, unknown> } };
      let mainText = JSON.stringify(main);
      let uiText = JSON.stringify(ui);
      for (const n of names) {
        mainText = mainText.replace('"parameters":{', `"parameters":{${JSON.stringify(n)}:{"type":"string"},`);
        uiText = uiText.replace('"outputs":{', `"outputs":{${JSON.stringify(n)}:"value of ${n}",`);
      }
      await writeFile(join(pkg, 'mainTemplate.json'), mainText.replace(/,}/g, '}'));
      await writeFile(join(pkg, 'createUiDefinition.json'), uiText.replace(/,}/g, '}'));
      const params = join(dir, 'params.json');
      return {
        index, kind: 'echo-and-proto:proto', dir, args: ['preview', pkg, '--parameters-out', params],
        verify: async ({ code }) => {
          if (code !== 0) return `exit ${code}`;
          const file = JSON.parse(await readFile(params, 'utf8')) as { parameters: Record<string, unknown> };
          const kept = Object.keys(file.parameters);
          return names.every((n) => kept.includes(n)) ? undefined : `parameters ${names.join(', ')} expected, got ${kept.join(', ')}`;
        },
      };
    }
    case 'resource-types': {
      // Azure's resource types at scale: thousands of resources of real types (from a few namespaces of the
      // catalogue, read afresh), misspelt and made-up ones, real and bogus api-versions, bodies of weird values,
      // some nested as deep as a chain can go.
      const { TypeCatalogue } = await import('../../src/arm/type-catalogue.js');
      const catalogue = new TypeCatalogue(join(ROOT, 'schemas', 'arm-types'));
      const all = Object.keys(catalogue.describe()?.namespaces ?? {});
      const namespaces = Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(r, all));
      const count = pick(r, [10, 300, 1500]);
      let budget = 200_000;
      const body = (depth: number): unknown => {
        if (depth <= 0 || budget-- <= 0 || r() < 0.3) return pick(r, WEIRD);
        const width = depth > 8 ? 1 : 1 + Math.floor(r() * 3);
        return Object.fromEntries(Array.from({ length: width }, () => [pick(r, ['properties', 'sku', 'name', 'kind', 'type', 'copy', 'location', 'tags', 'x', 'typeProperties', 'activities']), body(depth - 1)]));
      };
      const resources = Array.from({ length: count }, (_, k) => {
        const provider = catalogue.provider(pick(r, namespaces));
        const types = provider ? [...provider.resources.keys()] : [];
        const entry = types.length ? provider!.resources.get(pick(r, types)) : undefined;
        const versions = entry ? [...entry.versions.keys()] : [];
        const type = entry && r() < 0.8 ? entry.name : `${pick(r, all)}/made${k}`;
        return { type, apiVersion: versions.length && r() < 0.7 ? pick(r, versions) : pick(r, ['2099-01-01', 'latest', '', "[parameters('v')]"]), name: pick(r, ['x', 'a/b', "[concat('a', '/')]", 'x'.repeat(300), '']), ...(body(pick(r, [1, 4, 120])) as object) };
      });
      const pkg = join(dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources }));
      return { index, kind: `resource-types:${count}`, dir, args: ['validate', pkg, '--format', 'json'] };
    }
    case 'files': {
      // A file of the offer swapped for something that is not a regular file inside it.
      const victim = pick(r, ['offer.yaml', 'description.md', 'terms.md', 'logo.png', 'pricing.json']);
      await rm(join(offer, victim), { force: true });
      const how = pick(r, ['fifo', 'link-out', 'link-dev', 'folder', 'dangling', 'loop']);
      const p = join(offer, victim);
      if (how === 'fifo') execFileSync('mkfifo', [p]);
      else if (how === 'link-out') await symlink('/etc/hostname', p);
      else if (how === 'link-dev') await symlink('/dev/zero', p);
      else if (how === 'folder') await mkdir(p);
      else if (how === 'dangling') await symlink(join(dir, 'nowhere'), p);
      else await symlink(p, p);
      return { index, kind: `files:${victim}:${how}`, dir, args: pick(r, commands(offer)) };
    }
  }
}

/** sha256 of every regular file of a case's inputs (links, FIFOs and the output folder left out). */
async function snapshotInputs(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = async (d: string, depth: number) => {
    if (depth > 8) return;
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (depth === 0 && (e.name === 'out' || e.name.startsWith('.'))) continue;
      if (e.isDirectory()) await visit(p, depth + 1);
      else if (e.isFile()) out.set(p, createHash('sha256').update(await readFile(p)).digest('hex'));
    }
  };
  await visit(dir, 0);
  return out;
}

/** What stands at a path: kind, device numbers, link target, bytes (a FIFO is never opened). */
async function standing(path: string): Promise<string> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return 'missing';
  if (st.isSymbolicLink()) return `link ${await readlink(path)}`;
  if (st.isFile()) return `file ${createHash('sha256').update(await readFile(path)).digest('hex')}`;
  return `${st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : st.isDirectory() ? 'folder' : 'device'} ${st.rdev}`;
}

/** Text that would steer a terminal (escapes, C1 controls) or forge a CI runner command on a line of its own. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const STEERING = /[\u0007\u001b\u0080-\u009f]|^(?:::add-mask::|::error::forged|##vso\[task\.setvariable)/m;

/**
 * Runs one case as a child process and records its peak memory. The time bound is on the CPU time the case
 * used, which a busy machine does not stretch; the wall clock only guards against a case that waits forever
 * (by default six times the bound, and at least a minute).
 */
export async function runCase(c: FuzzCase, options: { timeoutMs: number; maxRssMb: number; wallLimitMs?: number }): Promise<FuzzOutcome> {
  const wallLimitMs = options.wallLimitMs ?? Math.max(6 * options.timeoutMs, 60000);
  const rssFile = join(c.dir, '.rss');
  const preload = join(c.dir, '.preload.cjs');
  await writeFile(preload, PRELOAD);
  const before = await snapshotInputs(c.dir);
  const watched = await Promise.all((c.watch ?? []).map(standing));
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', preload, CLI, ...c.args], { cwd: c.dir, env: { ...process.env, NO_COLOR: '1', OFFERKIT_FUZZ_RSS: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20000)));
    child.stderr.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-20000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, wallLimitMs);
    const finish = async (code: number | null) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const usage = await readFile(rssFile, 'utf8')
        .then((t) => JSON.parse(t) as { maxRssKb: number; cpuMs: number })
        .catch(() => ({ maxRssKb: 0, cpuMs: 0 }));
      const maxRssMb = Math.round(usage.maxRssKb / 1024);
      let problem: string | undefined;
      if (timedOut) problem = `did not finish within ${wallLimitMs} ms (it waited, or ran far past its ${options.timeoutMs} ms of CPU)`;
      else if (usage.cpuMs > options.timeoutMs) problem = `used ${usage.cpuMs} ms of CPU, more than ${options.timeoutMs} ms`;
      else if (code !== 0 && code !== 1 && code !== 2) problem = `exit code ${code}`;
      else if (/internal error|Maximum call stack|at .+\.[cm]?js:\d+:\d+/.test(output)) problem = 'internal error or stack trace';
      else if (maxRssMb > options.maxRssMb) problem = `peak memory ${maxRssMb} MB > ${options.maxRssMb} MB`;
      else if (STEERING.test(output)) problem = 'the output carries text that steers a terminal or a CI runner';
      else {
        const after = await snapshotInputs(c.dir);
        const changed = [...before].find(([p, h]) => after.get(p) !== h);
        if (changed) problem = `an input was changed or removed: ${changed[0]}`;
        const now = await Promise.all((c.watch ?? []).map(standing));
        const moved = (c.watch ?? []).find((_p, k) => now[k] !== watched[k]);
        if (!problem && moved) problem = `${moved} was ${watched[(c.watch ?? []).indexOf(moved)]}, now ${now[(c.watch ?? []).indexOf(moved)]}`;
        if (!problem && c.verify) problem = await c.verify({ code, output }).catch((e: unknown) => `the check failed: ${(e as Error).message}`);
      }
      resolve({ ...c, code, ms, maxRssMb, output, ...(problem ? { problem } : {}) });
    };
    child.on('close', (code) => void finish(code));
  });
}

/** Runs `iterations` cases from `seed`, `concurrency` at a time; returns every outcome. */
export async function fuzz(options: { seed: number; iterations: number; concurrency?: number; timeoutMs?: number; maxRssMb?: number; keep?: boolean; onOutcome?: (o: FuzzOutcome) => void }): Promise<FuzzOutcome[]> {
  const base = await mkdtemp(join(tmpdir(), 'offerkit-fuzz-'));
  const pristine = await pristinePackage(base);
  const outcomes: FuzzOutcome[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.iterations) return;
      const c = await makeCase(options.seed, i, base, pristine);
      const o = await runCase(c, { timeoutMs: options.timeoutMs ?? 30000, maxRssMb: options.maxRssMb ?? 300 });
      outcomes.push(o);
      options.onOutcome?.(o);
      if (!o.problem && !options.keep) await rm(c.dir, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  if (!options.keep && outcomes.every((o) => !o.problem)) await rm(base, { recursive: true, force: true });
  return outcomes.sort((a, b) => a.index - b.index);
}
