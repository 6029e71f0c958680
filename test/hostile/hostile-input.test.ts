// Hostile and broken input, the way a stranger's pull request or a vendor's folder brings it: links out of
// the offer, FIFOs and devices, foreign files in output folders, broken encodings and YAML, templates that
// ask for what does not exist. Each case builds its own tree, runs the real CLI with a time limit, and
// checks the exit code, the finding and where it is, that no stack trace or "internal error" is printed,
// that nothing from outside the offer reaches the output, and that a sentinel tree outside is untouched.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, link, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { BASE_OFFER, lineOf, minimalOffer, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';

const SENTINEL = 'SENTINEL-7c1f-outside-the-offer';

interface Tree {
  dir: string;
  offer: string;
  outside: string;
  offerYaml: string;
}

interface Case {
  name: string;
  setup(t: Tree): string[] | Promise<string[]>;
  exit: 0 | 1 | 2;
  /** Diagnostic code in the JSON output. */
  finding?: string;
  message?: RegExp;
  /** Where the finding is: file (regex) and line (and column) when known. */
  file?: RegExp;
  line?: number | ((t: Tree) => number | Promise<number>);
  column?: number;
  /** Extra checks after the run. */
  after?(t: Tree, r: CliResult): void | Promise<void>;
}

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const setOffer = async (t: Tree, from: string, to: string) => {
  t.offerYaml = replaceOnce(t.offerYaml, from, to);
  await writeFile(join(t.offer, 'offer.yaml'), t.offerYaml);
};

/** A custom template set inside the offer (a copy of the minimal set), and the offer switched to it. */
async function customSet(t: Tree): Promise<string> {
  const set = join(t.offer, 'tpl');
  await cp(join(ROOT, 'templates', 'minimal'), set, { recursive: true });
  t.offerYaml = minimalOffer('hostile-offer', '{ path: tpl }');
  await writeFile(join(t.offer, 'offer.yaml'), t.offerYaml);
  return set;
}

/** A package's two JSON files, as small as a package can be. */
const MINIMAL_MAIN = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": []\n}\n';
const MINIMAL_UI = '{ "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#", "handler": "Microsoft.Azure.CreateUIDef", "version": "0.1.2-preview", "parameters": { "basics": [], "steps": [], "outputs": {} } }\n';

const build = (t: Tree, ...extra: string[]) => ['build', t.offer, '--out', join(t.dir, 'out'), '--json', ...extra];

const cases: Case[] = [
  // Report files never replace an input of the same run, however they are spelled.
  ...(['sarif', 'junit', 'summary'] as const).map((report): Case => ({
    name: `validate --${report} naming the offer's own offer.yaml`,
    setup: (t) => ['validate', t.offer, `--${report}`, join(t.offer, 'offer.yaml'), '--format', 'json'],
    // A report to replace is refused before the run starts (offer.yaml is not a report offerkit wrote); the
    // summary, appended to, is refused when the run has read offer.yaml.
    exit: 2, finding: 'output-refused', message: report === 'summary' ? /offer\.yaml is one of the files this run read; offerkit does not write its output over an input/ : /offer\/offer\.yaml already exists and offerkit cannot tell that it wrote it/,
    after: async (t) => assert.equal(await readFile(join(t.offer, 'offer.yaml'), 'utf8'), t.offerYaml, 'offer.yaml is untouched'),
  })),
  {
    name: 'validate --sarif naming the --config file, through another spelling of its path',
    setup: async (t) => {
      await writeFile(join(t.dir, 'offerkit.config.yaml'), 'rules: {}\n');
      return ['validate', t.offer, '--config', join(t.dir, 'offerkit.config.yaml'), '--sarif', join(t.offer, '..', 'offerkit.config.yaml'), '--format', 'json'];
    },
    exit: 2, finding: 'output-refused', message: /offerkit\.config\.yaml already exists and offerkit cannot tell that it wrote it/,
    after: async (t) => assert.equal(await readFile(join(t.dir, 'offerkit.config.yaml'), 'utf8'), 'rules: {}\n'),
  },
  {
    name: 'build --junit over a template of the set, through a link to it',
    setup: async (t) => {
      await customSet(t);
      await symlink(join(t.offer, 'tpl', 'mainTemplate.json.hbs'), join(t.dir, 'report.xml'));
      return ['build', t.offer, '--out', join(t.dir, 'out'), '--junit', join(t.dir, 'report.xml'), '--format', 'json'];
    },
    exit: 2, finding: 'output-refused',
    after: async (t) => assert.doesNotMatch(await readFile(join(t.offer, 'tpl', 'mainTemplate.json.hbs'), 'utf8'), /<testsuites/, 'the template is untouched'),
  },
  // A configuration from a pull request may not point offerkit at files outside its folder, nor get them quoted back.
  {
    name: 'a configuration whose providerCache leaves its folder',
    setup: async (t) => {
      await writeFile(join(t.offer, 'offerkit.config.yaml'), 'providerCache: ../outside/secret.md\n');
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 2, finding: 'config-invalid', message: /providerCache must name a file inside the folder of the configuration/, file: /offerkit\.config\.yaml$/, line: 1, column: 16,
  },
  ...(['../outside', '/etc'] as const).map((where): Case => ({
    name: `a configuration whose baseline is a path outside its folder (${where})`,
    setup: async (t) => {
      await writeFile(join(t.offer, 'offerkit.config.yaml'), `baseline: ${where}\n`);
      return build(t);
    },
    exit: 1, finding: 'config-invalid', message: /baseline: ".*" is outside the folder of the configuration/, file: /offerkit\.config\.yaml$/, line: 1, column: 11,
    after: async (t) => assert.equal((await readdir(t.dir)).includes('out'), false, 'nothing was built'),
  })),
  {
    name: 'a configuration whose providerCache is /proc/self/environ',
    setup: async (t) => {
      await writeFile(join(t.offer, 'offerkit.config.yaml'), 'providerCache: /proc/self/environ\n');
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 2, finding: 'config-invalid', message: /providerCache must name a file inside/,
  },
  {
    name: 'a configured providerCache that is a link out of the folder',
    setup: async (t) => {
      await symlink(join(t.outside, 'secret.md'), join(t.offer, 'cache.json'));
      await writeFile(join(t.offer, 'offerkit.config.yaml'), 'providerCache: cache.json\n');
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 2, message: /outside the folder of the configuration/,
  },
  {
    name: 'a configured providerCache that is not JSON is not quoted back',
    setup: async (t) => {
      await writeFile(join(t.offer, 'cache.json'), `TOKEN=${SENTINEL}\n`);
      await writeFile(join(t.offer, 'offerkit.config.yaml'), 'providerCache: cache.json\n');
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 2, message: /provider cache .*cache\.json is not JSON \(line 1, column 1\)\./,
    after: (_t, r) => assert.ok(!(r.stdout + r.stderr).includes('TOKEN='), 'no excerpt of the file'),
  },
  // Reading: links, special files, sizes.
  {
    name: 'a folder inside the offer that links outside it',
    setup: async (t) => {
      await symlink(t.outside, join(t.offer, 'docs'));
      await setOffer(t, 'terms: { file: terms.md }', 'terms: { file: docs/secret.md }');
      return build(t);
    },
    exit: 1, finding: 'offer-link-escape', message: /docs → .*outside.*outside the offer folder/, file: /offer\.yaml$/, line: (t) => lineOf(t.offerYaml, 'terms:'),
  },
  {
    name: 'a file of the offer that links to /etc/passwd',
    setup: async (t) => {
      await rm(join(t.offer, 'terms.md'));
      await symlink('/etc/passwd', join(t.offer, 'terms.md'));
      return build(t);
    },
    exit: 1, finding: 'offer-link-escape', message: /terms\.md .*\/etc\/passwd/,
  },
  {
    name: 'offer.yaml itself linked to a file outside',
    setup: async (t) => {
      await writeFile(join(t.outside, 'offer.yaml'), t.offerYaml);
      await rm(join(t.offer, 'offer.yaml'));
      await symlink(join(t.outside, 'offer.yaml'), join(t.offer, 'offer.yaml'));
      return build(t);
    },
    exit: 1, finding: 'offer-link-escape',
  },
  {
    name: 'a FIFO as the terms file (would hang a naive reader)',
    setup: async (t) => {
      await rm(join(t.offer, 'terms.md'));
      mkfifo(join(t.offer, 'terms.md'));
      return build(t);
    },
    exit: 1, finding: 'offer-not-regular-file', message: /FIFO/,
  },
  {
    name: '/dev/zero behind a link inside the offer',
    setup: async (t) => {
      await rm(join(t.offer, 'description.md'));
      await symlink('/dev/zero', join(t.offer, 'description.md'));
      return build(t);
    },
    exit: 1, finding: 'offer-link-escape', message: /\/dev\/zero/,
  },
  {
    name: 'a description of a million characters of unclosed links (a quadratic link pattern would hang)',
    setup: async (t) => {
      await writeFile(join(t.offer, 'description.md'), '[a]('.repeat(262_000));
      return build(t);
    },
    exit: 0,
    after: async (t) => assert.ok((await readFile(join(t.dir, 'out', 'fixture-offer', 'basic', 'README.md'), 'utf8')).length > 0, 'built'),
  },
  {
    name: 'a file of the offer that is a second hard link to a file outside it',
    setup: async (t) => {
      await rm(join(t.offer, 'terms.md'));
      await link(join(t.outside, 'secret.md'), join(t.offer, 'terms.md'));
      return build(t);
    },
    exit: 1, finding: 'offer-hard-link', message: /terms\.md has 2 hard links; offerkit reads files of the offer folder .* only when they have one/,
  },
  {
    name: 'a template-set input pattern that backtracks exponentially, against a long offer value',
    setup: async (t) => {
      const set = await customSet(t);
      const manifest = join(set, 'templateset.yaml');
      await writeFile(manifest, `${await readFile(manifest, 'utf8')}  tag:\n    label: Tag\n    type: string\n    description: A tag.\n    pattern: ^(a+)+$\n`);
      await setOffer(t, 'template: { path: tpl }', `template: { path: tpl, inputs: { tag: ${'a'.repeat(5000)}b } }`);
      return build(t);
    },
    exit: 1, finding: 'offer-invalid-input', message: /Input "tag" must match \^\(a\+\)\+\$ \(got "a{60,}… \(5003 characters\)\)/, file: /offer\.yaml$/,
    after: (_t, r) => assert.ok(r.stdout.length < 20_000, 'the value is not repeated whole'),
  },
  {
    name: 'a template-set input pattern with a backreference (no linear-time engine runs it)',
    setup: async (t) => {
      const set = await customSet(t);
      const manifest = join(set, 'templateset.yaml');
      await writeFile(manifest, `${await readFile(manifest, 'utf8')}  tag:\n    label: Tag\n    type: string\n    description: A tag.\n    pattern: ^(a+)\\1$\n`);
      return build(t);
    },
    exit: 1, finding: 'template-set-invalid-pattern', message: /Input "tag": pattern cannot be used: it uses syntax offerkit cannot run in linear time/, file: /templateset\.yaml$/,
  },
  {
    name: 'a bidi override in a template set manifest',
    setup: async (t) => {
      const set = await customSet(t);
      const manifest = join(set, 'templateset.yaml');
      await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(/^description: (.*)$/m, 'description: $1 \u202Eexe.gnp'));
      return build(t);
    },
    exit: 1, finding: 'template-set-unsafe-text', message: /U\+202E \(right-to-left override\) in the text of the template set/, file: /templateset\.yaml$/,
  },
  {
    name: 'a C1 control (CSI) in the literal text of a template',
    setup: async (t) => {
      const set = await customSet(t);
      const main = join(set, 'mainTemplate.json.hbs');
      await writeFile(main, (await readFile(main, 'utf8')).replace('{', '{\n  "$comment": "clear \u009b2J",'));
      return build(t);
    },
    exit: 1, finding: 'template-set-unsafe-text', message: /U\+009B \(control sequence introducer\)/, file: /mainTemplate\.json\.hbs$/, line: 2, column: 22,
  },
  {
    name: 'DEL in text a customer reads (offer.yaml)',
    setup: async (t) => {
      await setOffer(t, "summary: A small offer used by offerkit's tests.", "summary: A small offer \u007f used by offerkit's tests.");
      return build(t);
    },
    exit: 1, message: /U\+007F \(DEL\)/,
  },
  {
    name: 'a description over the size limit',
    setup: async (t) => {
      await writeFile(join(t.offer, 'description.md'), 'x'.repeat(1024 * 1024 + 1));
      return build(t);
    },
    exit: 1, finding: 'offer-file-too-large', message: /1048577 bytes; the limit is 1048576/,
  },
  {
    name: 'a template set folder that links outside the offer',
    setup: async (t) => {
      const set = await customSet(t);
      await cp(set, join(t.outside, 'tpl'), { recursive: true });
      await rm(set, { recursive: true });
      await symlink(join(t.outside, 'tpl'), set);
      return build(t);
    },
    exit: 1, finding: 'offer-link-escape', message: /tpl/, file: /offer\.yaml$/,
  },
  {
    name: 'a template file that links outside the template set',
    setup: async (t) => {
      const set = await customSet(t);
      await writeFile(join(t.outside, 'main.hbs'), `{ "x": "${SENTINEL}" }`);
      await rm(join(set, 'mainTemplate.json.hbs'));
      await symlink(join(t.outside, 'main.hbs'), join(set, 'mainTemplate.json.hbs'));
      return build(t);
    },
    exit: 1, finding: 'template-set-link-escape', file: /templateset\.yaml$/,
  },
  {
    name: 'a FIFO as a template file',
    setup: async (t) => {
      const set = await customSet(t);
      await rm(join(set, 'createUiDefinition.json.hbs'));
      mkfifo(join(set, 'createUiDefinition.json.hbs'));
      return build(t);
    },
    exit: 1, finding: 'template-set-not-regular-file',
  },
  {
    name: "a template set's static folder that links outside",
    setup: async (t) => {
      const set = await customSet(t);
      await writeFile(join(t.outside, 'nested.json'), `{ "secret": "${SENTINEL}" }`);
      await symlink(t.outside, join(set, 'static'));
      await writeFile(join(set, 'templateset.yaml'), `${await readFile(join(set, 'templateset.yaml'), 'utf8')}static: static\n`);
      return build(t);
    },
    exit: 1, finding: 'template-set-link-escape',
  },
  {
    name: 'a link and a FIFO inside a static folder',
    setup: async (t) => {
      const set = await customSet(t);
      await mkdir(join(set, 'static', 'scripts'), { recursive: true });
      await writeFile(join(set, 'static', 'scripts', 'ok.sh'), 'echo ok\n');
      await symlink(join(t.outside, 'secret.md'), join(set, 'static', 'scripts', 'leak.md'));
      mkfifo(join(set, 'static', 'scripts', 'pipe.txt'));
      await writeFile(join(set, 'templateset.yaml'), `${await readFile(join(set, 'templateset.yaml'), 'utf8')}static: static\n`);
      return build(t);
    },
    exit: 1, finding: 'template-set-link-escape',
    after: (_t, r) => {
      const report = JSON.parse(r.stdout) as { diagnostics: { code: string; message: string }[] };
      assert.ok(report.diagnostics.some((d) => d.code === 'template-set-not-regular-file' && d.message.includes('pipe.txt')), 'the FIFO is reported too');
    },
  },
  {
    name: 'pricing.json linked to a file outside (preview export)',
    setup: async (t) => {
      await writeFile(join(t.outside, 'pricing.json'), JSON.stringify({ currency: SENTINEL }));
      await symlink(join(t.outside, 'pricing.json'), join(t.offer, 'pricing.json'));
      return ['preview', t.offer, '--out', join(t.dir, 'out'), '--json'];
    },
    exit: 0, finding: 'pricing-link-escape',
  },
  {
    name: 'pricing.json as a FIFO (preview export)',
    setup: (t) => {
      mkfifo(join(t.offer, 'pricing.json'));
      return ['preview', t.offer, '--out', join(t.dir, 'out'), '--json'];
    },
    exit: 0, finding: 'pricing-not-regular-file',
  },
  {
    name: 'a repository configuration that links outside',
    setup: async (t) => {
      await writeFile(join(t.outside, 'offerkit.config.json'), JSON.stringify({ rules: { [SENTINEL]: 'off' } }));
      await symlink(join(t.outside, 'offerkit.config.json'), join(t.offer, 'offerkit.config.json'));
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 2, finding: 'config-link-escape',
  },
  {
    name: 'a package folder with a JSON file linked from outside',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}');
      await writeFile(join(t.outside, 'createUiDefinition.json'), `{"x":"${SENTINEL}"}`);
      await symlink(join(t.outside, 'createUiDefinition.json'), join(pkg, 'createUiDefinition.json'));
      return ['validate', pkg, '--format', 'json'];
    },
    exit: 1, finding: 'link-escape', message: /createUiDefinition\.json/,
  },
  // Azure's resource types: a package naming more types than any real one, and values nested as deep as JSON goes.
  {
    name: 'a package naming 10,000 resource types, real, misspelt and made up: every one judged, a thousand listed, in bounded time',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      const resources = Array.from({ length: 10_000 }, (_, i) => ({
        type: [`Microsoft.Storage/thing${i}`, `Contoso${i}.Widgets/things`, 'Microsoft.Storage/storageAccounts', `Microsoft.Network/virtualNetworks/subnet${i}`][i % 4],
        apiVersion: i % 8 === 2 ? '2023-05-01' : `20${10 + (i % 15)}-01-01`,
        name: `n${i}`,
        properties: { [`p${i}`]: i },
      }));
      const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources }, null, 1);
      await writeFile(join(pkg, 'mainTemplate.json'), text);
      return ['validate', pkg, '--format', 'json'];
    },
    exit: 1, finding: 'resource-type-defined', message: /no resource type Microsoft\.Storage\/thing0 in Microsoft\.Storage/, line: 6, column: 12,
    after: (_t, r) => {
      const found = (JSON.parse(r.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics.filter((d) => d.code === 'resource-type-defined');
      // The first thousand are listed, the rest counted: every resource judged, the output bounded.
      assert.equal(found.length, 1001);
      const more = Number(/…and (\d+) more findings of this rule in this template from here on/.exec(found[1000].message)?.[1]);
      assert.ok(more + 1000 >= 8000, `each unknown type and version is judged (${more} more)`);
    },
  },
  {
    name: 'a pipeline of If Condition activities nested as deep as JSON allows, a typo at the bottom',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      let activity: Record<string, unknown> = { name: 'wait', type: 'Wait', typeProperties: { waitTimeInSecondz: 1 } };
      for (let i = 0; i < 60; i++) activity = { name: `if${i}`, type: 'IfCondition', typeProperties: { expression: { value: '@true', type: 'Expression' }, ifTrueActivities: [activity] } };
      const pipeline = { type: 'Microsoft.DataFactory/factories/pipelines', apiVersion: '2018-06-01', name: 'adf/deep', properties: { activities: [activity] } };
      const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [pipeline] });
      await writeFile(join(pkg, 'mainTemplate.json'), text);
      return ['validate', pkg, '--format', 'json'];
    },
    exit: 1, finding: 'resource-property-known', message: /no property "waitTimeInSecondz" in properties\.activities\[0\](\.typeProperties\.ifTrueActivities\[0\]){60}\.typeProperties\. Did you mean "waitTimeInSeconds"\?/, line: 1,
  },
  // Encodings, YAML, characters.
  {
    name: 'offer.yaml that is not UTF-8',
    setup: async (t) => {
      const bytes = Buffer.concat([Buffer.from(t.offerYaml.replace('summary: A small', 'summary: A sm')), Buffer.from([])]);
      const at = bytes.indexOf('summary: A sm') + 'summary: A sm'.length;
      await writeFile(join(t.offer, 'offer.yaml'), Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28]), bytes.subarray(at)]));
      return build(t);
    },
    exit: 1, finding: 'offer-invalid-utf8', line: (t) => lineOf(t.offerYaml, 'summary:'), column: 'summary: A sm'.length + 1,
  },
  {
    name: 'terms.md that is not UTF-8',
    setup: async (t) => {
      await writeFile(join(t.offer, 'terms.md'), Buffer.concat([Buffer.from('# Terms\n\nOK line\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' here\n')]));
      return build(t);
    },
    exit: 1, finding: 'offer-invalid-utf8', file: /terms\.md$/, line: 4, column: 5,
  },
  {
    name: 'a JSON file that is not UTF-8',
    setup: async (t) => {
      const file = join(t.dir, 'createUiDefinition.json');
      await writeFile(file, Buffer.concat([Buffer.from('{\n  "a": "'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from('"\n}\n')]));
      return ['validate', file, '--format', 'json'];
    },
    exit: 1, finding: 'json-invalid-utf8', line: 2, column: 9,
  },
  {
    name: 'YAML nested far too deep',
    setup: async (t) => {
      await writeFile(join(t.offer, 'offer.yaml'), `${t.offerYaml}extra: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
      return build(t);
    },
    exit: 1, finding: 'yaml-too-deep', line: (t) => t.offerYaml.split('\n').length,
    after: (_t, r) => assert.doesNotMatch(r.stdout + r.stderr, /call stack/i),
  },
  {
    name: 'YAML block mappings nested 200 levels',
    setup: async (t) => {
      const deep = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      await writeFile(join(t.offer, 'offer.yaml'), `${t.offerYaml}${deep} 1\n`);
      return build(t);
    },
    exit: 1, finding: 'yaml-too-deep',
  },
  {
    name: 'a YAML alias bomb',
    setup: async (t) => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
      await writeFile(join(t.offer, 'offer.yaml'), `${t.offerYaml}${bomb}\n`);
      return build(t);
    },
    exit: 1, finding: 'yaml-alias-expansion', line: (t) => t.offerYaml.split('\n').length + 1,
  },
  {
    name: 'a second YAML document',
    setup: async (t) => {
      await writeFile(join(t.offer, 'offer.yaml'), `${t.offerYaml}---\nid: another\n`);
      return build(t);
    },
    exit: 1, finding: 'yaml-multiple-documents', line: (t) => t.offerYaml.split('\n').length,
  },
  {
    name: 'a NUL character in the display name',
    setup: async (t) => setOffer(t, 'displayName: Fixture Offer', 'displayName: "Fixture\\0 Offer"').then(() => build(t)),
    exit: 1, finding: 'offer-unsafe-character', message: /U\+0000/, line: (t) => lineOf(t.offerYaml, 'displayName:'),
  },
  {
    name: 'a right-to-left override in the summary',
    setup: async (t) => setOffer(t, "summary: A small offer used by offerkit's tests.", 'summary: "A small \\u202Eoffer"').then(() => build(t)),
    exit: 1, finding: 'offer-unsafe-character', message: /U\+202E \(right-to-left override\)/, line: (t) => lineOf(t.offerYaml, 'summary:'),
  },
  {
    name: 'a bidi isolate in terms.md',
    setup: async (t) => {
      await writeFile(join(t.offer, 'terms.md'), '# Terms\n\nPay \u2067nothing\u2069 ever.\n');
      return build(t);
    },
    exit: 1, finding: 'offer-unsafe-character', file: /terms\.md$/, line: 3, column: 5,
  },
  // Keys that meet JavaScript objects.
  {
    name: 'a template input named constructor',
    setup: async (t) => setOffer(t, 'template:\n  set: mgdc-adf', 'template:\n  set: mgdc-adf\n  inputs:\n    constructor: 1').then(() => build(t)),
    exit: 1, finding: 'offer-unknown-input', message: /no input "constructor"/, line: (t) => lineOf(t.offerYaml, 'constructor:'),
  },
  {
    name: 'a template input named __proto__',
    setup: async (t) => setOffer(t, 'template:\n  set: mgdc-adf', 'template:\n  set: mgdc-adf\n  inputs:\n    __proto__: { retentionDays: 9999 }').then(() => build(t)),
    // The schema already refuses the name (inputs are identifiers); it never reaches a lookup.
    exit: 1, finding: 'offer-invalid', message: /Key "__proto__" in template\.inputs is not in the expected form/, line: (t) => lineOf(t.offerYaml, '__proto__'),
  },
  {
    name: 'a policy parameter named toString',
    setup: async (t) => setOffer(t, '  - secure-transfer', '  - id: secure-transfer\n    parameters: { toString: 1 }').then(() => build(t)),
    exit: 1, finding: 'offer-unknown-policy-parameter', message: /no parameter "toString"/,
  },
  // Templates that ask for what does not exist.
  {
    name: 'an unknown helper',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      await writeFile(f, (await readFile(f, 'utf8')).replace('"offer": {{json offer.id}}', '"offer": {{shout offer.id}}'));
      return build(t);
    },
    exit: 1, finding: 'template-unknown-helper', message: /Unknown helper "shout"/, file: /mainTemplate\.json\.hbs$/, line: 6, column: 14,
  },
  {
    name: 'an unknown block helper',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      await writeFile(f, (await readFile(f, 'utf8')).replace('{{#if regions.hasAllowed}}', '{{#when regions.hasAllowed}}').replace('{{/if}}', '{{/when}}'));
      return build(t);
    },
    exit: 1, finding: 'template-unknown-helper', message: /Unknown block helper \{\{#when\}\}/, file: /mainTemplate\.json\.hbs$/, line: 14, column: 1,
    after: (_t, r) => assert.doesNotMatch(r.stdout, /\[object Object\]/),
  },
  {
    name: 'an unclosed block',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      const text = await readFile(f, 'utf8');
      const i = text.indexOf('{{/if}}');
      await writeFile(f, text.slice(0, i) + text.slice(i + '{{/if}}'.length));
      return build(t);
    },
    exit: 1, finding: 'template-syntax', message: /\{\{#if\}\} is never closed/, file: /mainTemplate\.json\.hbs$/, line: 14, column: 1,
  },
  {
    name: 'a value the render context does not have',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      await writeFile(f, (await readFile(f, 'utf8')).replace('"offer": {{json offer.id}}', '"offer": {{json offer.support.fax}}'));
      return build(t);
    },
    exit: 1, finding: 'render-failed', message: /asks for "offer\.support\.fax"/, file: /mainTemplate\.json\.hbs$/, line: 6,
  },
  {
    name: '#if over a field the render context does not have, validated: one finding, no made-up missing file',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      await writeFile(f, (await readFile(f, 'utf8')).replace('"offer": {{json offer.id}}', '"offer": {{#if offer.maybe}}1{{else}}2{{/if}}'));
      await setOffer(t, '  - id: basic', '  - id: second\n    displayName: Second\n    description: The second plan.\n    version: 1.0.0\n    price: { model: flat, amount: 20, currency: USD, billingTerm: month }\n  - id: basic');
      return ['validate', t.offer, '--format', 'json'];
    },
    exit: 1, finding: 'render-failed', message: /asks for "offer\.maybe"/, file: /mainTemplate\.json\.hbs$/, line: 6,
    after: (_t, r) => {
      const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
      assert.deepEqual(codes, ['render-failed'], 'once for two plans, and no managedapp-package-layout');
    },
  },
  {
    name: 'a template that renders something other than JSON: named at the real --out path',
    setup: async (t) => {
      const set = await customSet(t);
      const f = join(set, 'mainTemplate.json.hbs');
      await writeFile(f, (await readFile(f, 'utf8')).replace('"offer": {{json offer.id}},', '"offer": {{json offer.id}} oops,'));
      return ['build', t.offer, '--out', join(t.dir, 'elsewhere'), '--json'];
    },
    exit: 1, finding: 'render-invalid-json', file: /^elsewhere\/hostile-offer\/basic\/app\.zip\/mainTemplate\.json$/,
  },
  // Writing: foreign files, links, inputs inside the output.
  {
    name: 'build --out over a plan folder holding a user file',
    setup: async (t) => {
      const r = await runCli(build(t), { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      await writeFile(join(t.dir, 'out', 'fixture-offer', 'basic', 'notes.txt'), 'mine');
      return build(t);
    },
    exit: 2, finding: 'output-refused', message: /notes\.txt, which was not written by offerkit/,
    after: async (t) => assert.equal(await readFile(join(t.dir, 'out', 'fixture-offer', 'basic', 'notes.txt'), 'utf8'), 'mine'),
  },
  {
    name: 'build --out over a README the user edited',
    setup: async (t) => {
      assert.equal((await runCli(build(t), { cwd: t.dir })).code, 0);
      await writeFile(join(t.dir, 'out', 'fixture-offer', 'plus', 'README.md'), 'my edits');
      return build(t);
    },
    exit: 2, finding: 'output-refused', message: /README\.md, which was changed after offerkit wrote it/,
    after: async (t) => {
      assert.equal(await readFile(join(t.dir, 'out', 'fixture-offer', 'plus', 'README.md'), 'utf8'), 'my edits');
      assert.ok((await readdir(join(t.dir, 'out', 'fixture-offer', 'basic'))).includes('app.zip'), 'the other plan was not touched either');
    },
  },
  {
    name: 'a manifest edited to vouch for a user file: the manifest speaks only for names offerkit writes',
    setup: async (t) => {
      assert.equal((await runCli(build(t), { cwd: t.dir })).code, 0);
      const folder = join(t.dir, 'out', 'fixture-offer', 'basic');
      await writeFile(join(folder, 'notes.txt'), 'mine');
      const manifestFile = join(folder, '.offerkit-manifest.json');
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { files: Record<string, string> };
      manifest.files['notes.txt'] = createHash('sha256').update('mine').digest('hex');
      await writeFile(manifestFile, JSON.stringify(manifest));
      return build(t);
    },
    exit: 2, finding: 'output-refused', message: /holds .*notes\.txt, which was not written by offerkit/,
    after: async (t) => assert.equal(await readFile(join(t.dir, 'out', 'fixture-offer', 'basic', 'notes.txt'), 'utf8'), 'mine'),
  },
  {
    name: 'build --out --force replaces a folder holding a user file',
    setup: async (t) => {
      assert.equal((await runCli(build(t), { cwd: t.dir })).code, 0);
      await writeFile(join(t.dir, 'out', 'fixture-offer', 'basic', 'notes.txt'), 'mine');
      return build(t, '--force');
    },
    exit: 0,
    after: async (t) => assert.deepEqual((await readdir(join(t.dir, 'out', 'fixture-offer', 'basic'))).sort(), ['.offerkit-manifest.json', 'README.md', 'app.zip', 'definition.json']),
  },
  {
    name: "build --out at the offer's parent",
    setup: (t) => ['build', t.offer, '--out', t.dir, '--json'],
    exit: 2, finding: 'output-refused', message: /offer folder .* is inside --out/,
  },
  {
    name: 'build --out inside the offer folder',
    setup: (t) => ['build', t.offer, '--out', join(t.offer, 'dist'), '--json'],
    exit: 2, finding: 'output-refused', message: /is inside the offer folder/,
  },
  {
    name: 'build --out inside a custom template set',
    setup: async (t) => {
      await customSet(t);
      await rm(join(t.offer, 'tpl', 'x'), { force: true });
      return ['build', t.offer, '--out', join(t.offer, 'tpl', 'out'), '--json'];
    },
    exit: 2, finding: 'output-refused', message: /inside the offer folder/,
  },
  {
    name: 'a link at <out>/<offer> pointing outside',
    setup: async (t) => {
      await mkdir(join(t.dir, 'out'));
      await symlink(t.outside, join(t.dir, 'out', 'fixture-offer'));
      return build(t);
    },
    exit: 2, finding: 'output-refused', message: /out\/fixture-offer is a symbolic link/,
  },
  {
    name: '--out naming a file',
    setup: async (t) => {
      await writeFile(join(t.dir, 'out'), 'a file');
      return build(t);
    },
    exit: 2, finding: 'output-refused', message: /--out out is a file, not a folder/,
  },
  {
    name: '--out below a file (ENOTDIR)',
    setup: async (t) => {
      await writeFile(join(t.dir, 'afile'), 'x');
      return ['build', t.offer, '--out', join(t.dir, 'afile', 'dist'), '--json'];
    },
    exit: 2, message: /afile/,
    after: (_t, r) => assert.doesNotMatch(r.stdout + r.stderr, /internal error/),
  },
  {
    name: 'preview --out into a folder holding other files',
    setup: async (t) => {
      await mkdir(join(t.dir, 'out'));
      await writeFile(join(t.dir, 'out', 'keep.txt'), 'mine');
      return ['preview', t.offer, '--out', join(t.dir, 'out'), '--json'];
    },
    exit: 2, finding: 'output-refused', message: /keep\.txt/,
    after: async (t) => assert.deepEqual(await readdir(join(t.dir, 'out')), ['keep.txt']),
  },
  {
    name: 'preview --out into an earlier export that gained a file',
    setup: async (t) => {
      assert.equal((await runCli(['preview', t.offer, '--out', join(t.dir, 'out')], { cwd: t.dir })).code, 0);
      await writeFile(join(t.dir, 'out', 'review-notes.md'), 'mine');
      return ['preview', t.offer, '--out', join(t.dir, 'out'), '--json'];
    },
    exit: 2, finding: 'output-refused', message: /review-notes\.md/,
    after: async (t) => assert.equal(await readFile(join(t.dir, 'out', 'review-notes.md'), 'utf8'), 'mine'),
  },
  {
    name: 'preview --out into an earlier export: replaced',
    setup: async (t) => {
      assert.equal((await runCli(['preview', t.offer, '--out', join(t.dir, 'out')], { cwd: t.dir })).code, 0);
      return ['preview', t.offer, '--out', join(t.dir, 'out'), '--json'];
    },
    exit: 0,
  },
  {
    name: 'init into a folder that is not empty',
    setup: (t) => ['init', t.offer, '--json'],
    exit: 2, finding: 'output-refused', message: /not empty/,
  },
  {
    name: 'init below a file',
    setup: async (t) => {
      await writeFile(join(t.dir, 'afile'), 'x');
      return ['init', join(t.dir, 'afile', 'offer'), '--json'];
    },
    exit: 2, message: /afile is a file/,
  },
  {
    name: 'init on a read-only file system',
    setup: () => ['init', '/proc/offerkit-init-test', '--json'],
    exit: 2, message: /proc\/offerkit-init-test/,
  },
  // Adopting a package (init --from): names that would steer a terminal, text that would lose bytes, a target inside.
  ...([
    ['an escape sequence', 'scripts/\u001b[2Jclear.sh', 'U+001B (escape)'],
    ['a bell', 'scripts/ding\u0007.sh', 'U+0007 (control character)'],
    ['a right-to-left override', 'scripts/evil\u202Ehs.exe', 'U+202E (right-to-left override)'],
    ['a newline and ::add-mask::', 'scripts/x\n::add-mask::secret.sh', 'U+000A'],
  ] as const).map(([what, name, label]): Case => ({
    name: `init --from a package with a file whose name holds ${what}: refused, nothing written`,
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(join(pkg, 'scripts'), { recursive: true });
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN);
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI);
      await writeFile(join(pkg, name), 'echo hi\n');
      return ['init', join(t.dir, 'adopted'), '--from', pkg, '--json'];
    },
    exit: 1, finding: 'import-unsafe-name', message: new RegExp(`the name of .* holds ${label.replace(/[()+]/g, '\\$&')}`),
    after: async (t, r) => {
      assert.equal((await readdir(t.dir)).includes('adopted'), false, 'no offer folder was written');
      // eslint-disable-next-line no-control-regex -- control characters are what this looks for
      assert.doesNotMatch(r.stdout + r.stderr, /[\u0007\u001b\u202e]|^::add-mask::/m, 'the name is not printed raw');
    },
  })),
  {
    name: 'init --from a package whose README is not UTF-8: refused at the byte, not turned into U+FFFD',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN);
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI);
      await writeFile(join(pkg, 'README.md'), Buffer.concat([Buffer.from('# Caf\n\nLine two: caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
      return ['init', join(t.dir, 'adopted'), '--from', pkg, '--json'];
    },
    exit: 1, finding: 'import-invalid-utf8', message: /README\.md: The file is not valid UTF-8: byte 0xe9/, file: /pkg\/README\.md$/, line: 3, column: 14,
    after: async (t) => assert.equal((await readdir(t.dir)).includes('adopted'), false),
  },
  {
    name: 'init pkg/sub --from pkg: the new offer is not written into the package it reads',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN);
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI);
      return ['init', join(pkg, 'sub'), '--from', pkg, '--json'];
    },
    exit: 2, finding: 'output-refused', message: /pkg\/sub is inside the package folder .*pkg that --from reads/,
    after: async (t) => assert.deepEqual((await readdir(join(t.dir, 'pkg'))).sort(), ['createUiDefinition.json', 'mainTemplate.json']),
  },
  {
    name: 'init --from a package whose template is larger than a template set reads: refused, naming the limit',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN.replace('"resources": []', `"variables": { "pad": "${'x'.repeat(5 * 1024 * 1024)}" }, "resources": []`));
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI);
      return ['init', join(t.dir, 'adopted'), '--from', pkg, '--json'];
    },
    exit: 1, finding: 'import-file-too-large', message: /mainTemplate\.json is \d+ bytes; a template set reads a template of at most 4194304 bytes \(Azure Resource Manager's own limit for a template is 4 MB\)/,
  },
  {
    name: 'init --from prints where it read from inert, and --json keeps the name as it is',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg ##vso[task.setvariable variable=A]1 \u202Egnp');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN);
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI);
      return ['init', join(t.dir, 'adopted'), '--from', pkg, '--json'];
    },
    exit: 0,
    after: (_t, r) => {
      assert.doesNotMatch(r.stdout, /##vso\[|\u202E/);
      assert.match((JSON.parse(r.stdout) as { source: string }).source, /pkg ##vso\[task\.setvariable variable=A\]1 \u202Egnp$/);
    },
  },
  {
    name: 'preview --parameters-out keeps a template parameter named __proto__',
    setup: async (t) => {
      const pkg = join(t.dir, 'pkg');
      await mkdir(pkg);
      await writeFile(join(pkg, 'mainTemplate.json'), MINIMAL_MAIN.replace('"resources": []', '"parameters": { "__proto__": { "type": "string" }, "constructor": { "type": "string" } }, "resources": []'));
      await writeFile(join(pkg, 'createUiDefinition.json'), MINIMAL_UI.replace('"outputs": {}', '"outputs": { "__proto__": "proto-value", "constructor": "ctor-value" }'));
      return ['preview', pkg, '--parameters-out', join(t.dir, 'params.json'), '--json'];
    },
    exit: 0,
    after: async (t) => {
      const file = JSON.parse(await readFile(join(t.dir, 'params.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };
      assert.deepEqual(Object.entries(file.parameters), [['__proto__', { value: 'proto-value' }], ['constructor', { value: 'ctor-value' }]]);
    },
  },
  {
    name: 'a --since of 100,000 characters is not echoed whole',
    setup: (t) => ['changes', t.offer, '--since', `v${'1'.repeat(100_000)}`, '--format', 'json'],
    exit: 2, message: /--since v1{60,}… \(100001 characters\)/,
    after: (_t, r) => assert.ok((r.stdout + r.stderr).length < 4000, `${(r.stdout + r.stderr).length} characters of output`),
  },
  // Reading packages.
  {
    name: 'inspect a file that does not exist prints only why',
    setup: (t) => ['inspect', join(t.dir, 'missing.zip')],
    exit: 2, message: /missing\.zip does not exist/,
    after: (_t, r) => assert.doesNotMatch(r.stdout + r.stderr, /bytes {2}sha256/, 'no listing of a file it could not read'),
  },
  {
    name: 'inspect a FIFO',
    setup: (t) => {
      mkfifo(join(t.dir, 'pkg.zip'));
      return ['inspect', join(t.dir, 'pkg.zip'), '--json'];
    },
    exit: 2, finding: 'package-not-regular-file',
  },
];

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = await lstat(p);
      if (st.isSymbolicLink()) out.set(p, `link:${await readlink(p)}`);
      else if (st.isDirectory()) await walk(p);
      else if (st.isFile()) out.set(p, createHash('sha256').update(await readFile(p)).digest('hex') + `:${st.mtimeMs}`);
    }
  };
  await walk(dir);
  return out;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

describe('hostile and broken input: refused clearly, nothing read from outside, nothing of the user lost', function () {
  this.timeout(60000);
  for (const c of cases) {
    it(c.name, async () => {
      const dir = await tempDir('offerkit-hostile-');
      const t: Tree = { dir, offer: join(dir, 'offer'), outside: join(dir, 'outside'), offerYaml: BASE_OFFER };
      await mkdir(t.outside);
      await writeFile(join(t.outside, 'secret.md'), `# ${SENTINEL}\n`);
      await writeOffer(BASE_OFFER, {}, t.offer);
      const args = await c.setup(t);
      const before = await snapshot(t.outside);
      const r = await runCli(args, { cwd: dir, timeoutMs: 30000 });
      const all = r.stdout + r.stderr;
      assert.ok(!r.timedOut, `the command hung:\n${all}`);
      assert.equal(r.code, c.exit, all);
      assert.doesNotMatch(all, /internal error|at .+\.[cm]?js:\d+|Maximum call stack/, 'no stack trace, no internal error');
      assert.ok(!all.includes(SENTINEL), 'nothing from outside the offer is printed');
      for (const f of [...(await filesUnder(join(dir, 'out'))), ...(await filesUnder(join(dir, 'elsewhere')))]) {
        assert.ok(!(await readFile(f)).includes(SENTINEL), `${f} holds content from outside the offer`);
      }
      assert.deepEqual(await snapshot(t.outside), before, 'the tree outside is unchanged');
      if (c.finding || c.line) {
        const json = r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as { diagnostics: { code: string; message: string; file?: string; line?: number; column?: number }[] }) : undefined;
        assert.ok(json, `JSON output expected:\n${all}`);
        const d = json.diagnostics.find((x) => x.code === c.finding) ?? (c.finding ? undefined : json.diagnostics[0]);
        assert.ok(d, `expected ${c.finding}, got ${JSON.stringify(json.diagnostics.map((x) => `${x.code}: ${x.message}`), null, 1)}`);
        if (c.message) assert.match(d.message, c.message);
        if (c.file) assert.match(d.file ?? '', c.file);
        const line = typeof c.line === 'function' ? await c.line(t) : c.line;
        if (line !== undefined) assert.equal(d.line, line, `line of: ${d.message}`);
        if (c.column !== undefined) assert.equal(d.column, c.column, `column of: ${d.message}`);
      } else if (c.message) {
        assert.match(all, c.message);
      }
      await c.after?.(t, r);
    });
  }

  it('a reader that closes the pipe early ends the command quietly', async () => {
    const dir = await tempDir('offerkit-hostile-');
    const { spawn } = await import('node:child_process');
    const CLI = join(ROOT, 'build', 'src', 'cli', 'main.cjs');
    const child = spawn(process.execPath, [CLI, 'validate', join(ROOT, 'offers', 'contoso-mail-insights'), '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '', 'nothing on stderr (no EPIPE stack trace)');
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
