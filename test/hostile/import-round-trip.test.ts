// `offerkit init --from` keeps what it adopts: for every case of this table — each a form the template reader
// accepts (comments, single-quoted strings, unquoted names, BOMs, CRLF, multi-line strings) holding text
// handlebars or the template-set loader would read (`{{`, `\{{`, carriage returns, controls, bidi marks) — the
// package the new offer builds holds every string of the source: the same keys and values, in the same places.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { handlebarsSafe } from '../../src/import/handlebars-safe.js';
import { importPackage, writeImport } from '../../src/import/import-package.js';
import { runOfferPipeline } from '../../src/pipeline/offer-pipeline.js';
import { parseJsonSource } from '../../src/util/json-source.js';
import Handlebars from 'handlebars';
import { tempDir } from '../helpers/cli.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const UI = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#', handler: 'Microsoft.Azure.CreateUIDef', version: '0.1.2-preview', parameters: { basics: [], steps: [], outputs: { location: '[location()]' } } });

/** A template whose outputs and variables are `body` (the rest is what a package needs to build). */
const main = (body: string, head = '') => `${head}{\n  "$schema": "${SCHEMA}",\n  "contentVersion": "1.0.0.0",\n  "parameters": { "location": { "type": "string", "defaultValue": "[resourceGroup().location]" } },\n  "resources": [],\n  ${body}\n}\n`;

interface Case {
  name: string;
  mainTemplate: string;
  createUiDefinition?: string;
}

const cases: Case[] = [
  { name: 'an apostrophe in a // comment before "{{keep-me}}"', mainTemplate: main(`// it's the publisher's note\n  "variables": { "a": "{{keep-me}}" }`) },
  { name: 'a double quote in a /* */ comment before "{{keep-me}}"', mainTemplate: main(`/* say "hi */ "variables": { "a": "{{keep-me}}", "b": "}}{{" }`) },
  { name: 'a single-quoted string holding a double quote and {{', mainTemplate: main(`"variables": { 'a': 'say "{{x}}" twice', "b": "{{keep-me}}" }`) },
  { name: "a single-quoted string with an escaped quote", mainTemplate: main(`"variables": { "a": 'it\\'s {{x}}', "b": "{{y}}" }`) },
  { name: 'a double-quoted string holding an apostrophe', mainTemplate: main(`"variables": { "a": "it's", "b": "'{{x}}'" }`) },
  { name: '{{ in a // comment and in a /* */ comment', mainTemplate: main(`// {{not.a.field}} and {{#each x}}\n  /* {{> partial}} {{!-- c --}} */\n  "variables": { "a": "{{b}}" }`) },
  { name: 'a backslash before {{ in a comment (handlebars has no escape for it)', mainTemplate: main(`// path C:\\{{dir}} and \\\\{{x}}\n  "variables": { "a": "\\\\{{x}}" }`) },
  { name: 'escaped backslashes before {{ and triple braces in strings', mainTemplate: main(`"variables": { "a": "\\\\{{x}}", "b": "\\\\\\\\{{y}}", "c": "{{{z}}}", "d": "{{{{w}}}}", "e": "\\u007b{already}" }`) },
  { name: 'unquoted property names and trailing commas', mainTemplate: main(`"variables": { plain: "{{x}}", $dollar_1: ['{{y}}',], },`) },
  { name: 'a doubled BOM and no-break spaces as white space', mainTemplate: main(`"variables":\u00a0{ "a": "{{x}}" }`, '\uFEFF\uFEFF') },
  { name: 'CRLF line ends and a multi-line string holding CRLF', mainTemplate: main(`"variables": { "a": "line one\r\nline two {{x}}" }`).replace(/\n/g, '\r\n').replace('\r\r\n', '\r\n') },
  { name: 'a lone carriage return inside a string', mainTemplate: main(`"variables": { "a": "before\rafter" }`) },
  { name: 'a lone carriage return in a // comment (a line end only to the loader)', mainTemplate: main(`// note\r"hidden": "if this ended the comment the JSON would change"\n  "variables": { "a": "{{x}}" }`) },
  { name: 'controls, DEL, C1 and bidi marks inside strings', mainTemplate: main(`"variables": { "esc": "a\u001b[31mred", "bel": "b\u0007", "del": "c\u007f", "csi": "d\u009b2J", "rlo": "e\u202Egnp.exe", "iso": "f\u2066g\u2069" }`) },
  { name: 'controls and bidi marks in comments', mainTemplate: main(`// a\u001b[2J\u202E comment\n  /* b\u0007\u009b */ "variables": { "a": "{{x}}" }`) },
  { name: 'astral characters, line separators and escapes kept', mainTemplate: main(`"variables": { "emoji": "\u{1F600}{{x}}", "ls": "a\u2028b", "esc": "\\u001b\\n\\t\\"", "nul": "\\u0000" }`) },
  { name: 'a handlebars-looking key', mainTemplate: main(`"variables": { "{{key}}": "v", "k": { "{{#if a}}": ["{{/if}}"] } }`) },
  { name: 'a comment at the very end with a backslash', mainTemplate: `${main('"variables": { "a": "{{x}}" }').trimEnd()}\n// trailing \\` },
  {
    name: 'a createUiDefinition with single quotes and comments',
    mainTemplate: main('"outputs": {}'),
    createUiDefinition: `{\n  // it's the form\n  "$schema": 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',\n  "handler": "Microsoft.Azure.CreateUIDef", "version": "0.1.2-preview",\n  "parameters": { "basics": [{ "name": "n", "type": "Microsoft.Common.TextBox", "label": 'Say "{{hi}}"', "toolTip": "{{tip}}" }], "steps": [], "outputs": { "location": "[location()]", "n": "[basics('n')]" } }\n}`,
  },
];

/** Every string of a JSON value, keys included, each with where it stands. */
function strings(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return [`${at} = ${JSON.stringify(value)}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}/${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [`${at} key ${JSON.stringify(k)}`, ...strings(v, `${at}/${k}`)]);
  return [];
}

const parsed = (text: string) => {
  const r = parseJsonSource(text);
  assert.ok(r.value !== undefined, `the fixture parses: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
};

describe('offerkit init --from keeps every string of what it adopts', function () {
  this.timeout(60000);

  for (const c of cases) {
    it(c.name, async () => {
      const dir = await tempDir('offerkit-import-trip-');
      const pkg = join(dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), c.mainTemplate);
      await writeFile(join(pkg, 'createUiDefinition.json'), c.createUiDefinition ?? UI);
      const offer = join(dir, 'offer');
      await importPackage(offer, pkg, { id: 'trip-offer' });
      for (const name of ['mainTemplate.json', 'createUiDefinition.json']) {
        const template = await readFile(join(offer, 'template', `${name}.hbs`), 'utf8');
        const statements = Handlebars.parse(template).body.filter((s) => s.type !== 'ContentStatement');
        assert.deepEqual(statements.map((s) => s.type), [], `${name}.hbs: handlebars reads nothing but text in it`);
      }
      const r = await runOfferPipeline(offer);
      const plan = r.rendered[0];
      assert.ok(plan, `the new offer renders: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error').slice(0, 3))}`);
      for (const [name, source] of [['mainTemplate.json', c.mainTemplate], ['createUiDefinition.json', c.createUiDefinition ?? UI]] as const) {
        const built = parsed(plan.files.get(name)!.toString('utf8'));
        const original = parsed(source.replace(/^\uFEFF+/, ''));
        assert.deepEqual(strings(built), strings(original), `${name}: every string, key and place`);
        assert.deepEqual(built, original, `${name}: the same JSON`);
      }
    });
  }

  it('two plans whose texts differ, the first ending in a comment with a backslash, keep their branches', async () => {
    const dir = await tempDir('offerkit-import-trip-');
    const a = `${main('"variables": { "a": "{{plan-a}}" }').trimEnd()}\n// ends with \\`;
    const b = main(`// it's plan b\n  "variables": { "a": "{{plan-b}}" }`);
    const ui = Buffer.from(UI);
    await writeImport(join(dir, 'offer'), { shown: 'two plans', plans: [{ id: 'alpha', files: new Map([['mainTemplate.json', Buffer.from(a)], ['createUiDefinition.json', ui]]) }, { id: 'beta', files: new Map([['mainTemplate.json', Buffer.from(b)], ['createUiDefinition.json', ui]]) }] }, { id: 'two-plans' });
    const r = await runOfferPipeline(join(dir, 'offer'));
    assert.equal(r.rendered.length, 2, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error')));
    for (const [k, source] of [a, b].entries()) assert.deepEqual(parsed(r.rendered[k].files.get('mainTemplate.json')!.toString('utf8')), parsed(source), `plan ${k}`);
  });

  it('a long text of braces, quotes and comments: every {{ escaped, nothing for handlebars to read', () => {
    const text = main(`"variables": { "a": "${'{{x}} \\\\ \' '.repeat(200_000)}" }, // ${"{{ ' \" ".repeat(100_000)}\n  "b": 1`);
    const made = handlebarsSafe(text);
    assert.ok(made.braces >= 300_000, String(made.braces));
    assert.deepEqual(Handlebars.parse(made.text).body.filter((s) => s.type !== 'ContentStatement'), []);
  });
});
