// offerkit changes through the real CLI: git baselines in a temporary repository (a revision, a tag, a commit
// where the offer did not exist yet, a link in the tree, a revision that does not exist), a baseline dist/
// folder and a lone app.zip from an older offerkit build, and the configured baseline that makes
// validate/build check versions and write "What changes in this version" into the customer README.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectPackageBuffer } from '../../src/package/inspect-package.js';
import { copyExampleOffer, runCli, tempDir } from '../helpers/cli.js';
import { makeZip } from '../helpers/make-zip.js';

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=offerkit test', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();

interface OfferJson {
  baseline: string;
  plans: { plan: string; status: string; before?: string; after?: string; reapproval: boolean; contentChanged?: boolean; notCompared: string[]; changes: { group: string; kind: string; text: string; widens?: string }[]; version: { verdict: string; message: string } }[];
}

interface ChangesJson {
  offers: OfferJson[];
  diagnostics: { code: string; severity: string; message: string }[];
}

async function editOffer(dir: string, edits: [string, string][]): Promise<void> {
  const file = join(dir, 'offer.yaml');
  let text = await readFile(file, 'utf8');
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `offer.yaml contains ${from}`);
    text = text.replace(from, to);
  }
  await writeFile(file, text);
}

const ADD_SUBJECT: [string, string] = ['      - hasAttachments\n', '      - hasAttachments\n      - subject\n'];
const STARTER_PATCH: [string, string] = ['    version: 1.2.0\n    price: { model: flat', '    version: 1.2.1\n    price: { model: flat'];

describe('offerkit changes', function () {
  this.timeout(120000);
  let repo: string;
  let offer: string;
  let first: string;

  before(async () => {
    repo = await tempDir('offerkit-changes-');
    git(repo, 'init', '-q', '-b', 'main');
    await writeFile(join(repo, 'README.md'), '# A repository\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'before the offer');
    first = git(repo, 'rev-parse', 'HEAD');
    offer = await copyExampleOffer(join(repo, 'offers', 'contoso-mail-insights'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'the offer, v1.2.0');
    git(repo, 'tag', 'v1.2.0');
  });

  const changes = async (args: string[]) => runCli(['changes', 'offers/contoso-mail-insights', ...args], { cwd: repo });
  /** The one offer's report. */
  const asJson = (stdout: string): OfferJson => {
    const j = JSON.parse(stdout) as ChangesJson;
    assert.equal(j.offers.length, 1, stdout);
    return j.offers[0];
  };

  it('the offer against its own commit changes nothing', async () => {
    const r = await changes(['--since', 'HEAD']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /compared with git HEAD \([0-9a-f]{7}\)/);
    for (const plan of ['starter', 'standard', 'enterprise']) assert.match(r.stdout, new RegExp(`Plan ${plan} 1\\.2\\.0 → 1\\.2\\.0: no change for the customer`));
  });

  it('a column added with only a patch version: the data change, re-approval, and a failing version verdict', async () => {
    await editOffer(offer, [ADD_SUBJECT, STARTER_PATCH]);
    try {
      const r = await changes(['--since', 'v1.2.0', '--plan', 'starter', '--format', 'json']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const j = asJson(r.stdout);
      assert.deepEqual(j.plans.map((p) => p.plan), ['starter']);
      const p = j.plans[0];
      assert.equal(p.before, '1.2.0');
      assert.equal(p.after, '1.2.1');
      assert.equal(p.reapproval, true);
      assert.deepEqual(p.changes.map((c) => [c.group, c.kind, c.text]), [['data', 'added', 'BasicDataSet_v0.Message_v1: adds column subject']]);
      assert.equal(p.version.verdict, 'minor-needed');

      const md = await changes(['--since', 'v1.2.0', '--plan', 'starter', '--format', 'markdown']);
      assert.equal(md.code, 1);
      assert.match(md.stdout, /^## What changes in contoso-mail-insights\n/);
      assert.match(md.stdout, /#### Data requested\n\n- Added: BasicDataSet\\_v0\.Message\\_v1: adds column subject/);
      assert.match(md.stdout, /> \*\*A Microsoft 365 administrator of the customer must approve the data request again before any data moves: the customer updates the application's Microsoft Graph Data Connect registration to the new datasets, columns and users, and a global administrator approves the update in the Microsoft 365 admin center\.\*\*/);
      assert.match(md.stdout, /\*\*Version:\*\* ❌ Version 1\.2\.0 → 1\.2\.1 raises only the patch version/);

      // Raising the minor version satisfies the rule; the other plans did not change at all.
      await editOffer(offer, [['    version: 1.2.1\n', '    version: 1.3.0\n']]);
      const ok = await changes(['--since', 'v1.2.0', '--format', 'json']);
      assert.equal(ok.code, 1, 'standard and enterprise still keep their versions');
      const verdicts = Object.fromEntries(asJson(ok.stdout).plans.map((x) => [x.plan, x.version.verdict]));
      assert.deepEqual(verdicts, { starter: 'raised', standard: 'not-raised', enterprise: 'not-raised' }, 'the column is requested by every plan, whose versions stay');
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
    }
  });

  it('a revision where the offer did not exist: every plan is new', async () => {
    const r = await changes(['--since', first, '--format', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(asJson(r.stdout).plans.map((p) => [p.plan, p.status]), [['starter', 'new'], ['standard', 'new'], ['enterprise', 'new']]);
  });

  it('a revision that does not exist, or looks like an option, is a usage error', async () => {
    const r = await changes(['--since', 'no-such-branch']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /no-such-branch: no such revision/);
    const o = await changes(['--since=--output=/tmp/x']);
    assert.equal(o.code, 2);
    assert.match(o.stderr, /is not a git revision/);
    // An offer outside any repository: git's own reason is passed on.
    const loose = await copyExampleOffer(join(await tempDir(), 'loose-offer'));
    const n = await runCli(['changes', loose, '--since', 'HEAD']);
    assert.equal(n.code, 2, n.stdout + n.stderr);
    assert.match(n.stderr, /--since HEAD names a git revision, but .*loose-offer is not in a git repository git can read \(git: not a git repository/);
  });

  it('a link committed in the offer folder is not followed into the baseline', async () => {
    const scratch = await tempDir('offerkit-changes-link-');
    git(scratch, 'init', '-q', '-b', 'main');
    const dir = await copyExampleOffer(join(scratch, 'offer'));
    await rm(join(dir, 'terms.md'));
    await symlink('/etc/passwd', join(dir, 'terms.md'));
    git(scratch, 'add', '-A');
    git(scratch, 'commit', '-q', '-m', 'terms behind a link');
    await rm(join(dir, 'terms.md'));
    await writeFile(join(dir, 'terms.md'), '# Terms\n\nThe terms.\n');
    const r = await runCli(['changes', 'offer', '--since', 'HEAD', '--format', 'json'], { cwd: scratch });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const j = JSON.parse(r.stderr || r.stdout) as { diagnostics: { code: string; message: string }[] };
    const codes = j.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('changes-git-entry-skipped'), codes.join(', '));
    assert.match(j.diagnostics.find((d) => d.code === 'changes-git-entry-skipped')!.message, /HEAD:offer\/terms\.md is a symbolic link/);
    assert.ok(codes.includes('changes-baseline-unreadable'), 'the baseline without its terms does not render');
    assert.doesNotMatch(r.stdout + r.stderr, /root:x:0:0/);
  });

  it('a configured baseline: validate reports the version at offer.yaml, build writes "What changes in this version"', async () => {
    await writeFile(join(repo, 'offerkit.config.yaml'), 'baseline: v1.2.0\n');
    await editOffer(offer, [ADD_SUBJECT, STARTER_PATCH]);
    try {
      const v = await runCli(['validate', 'offers/contoso-mail-insights', '--format', 'json'], { cwd: repo });
      assert.equal(v.code, 1, v.stdout + v.stderr);
      const found = (JSON.parse(v.stdout) as { diagnostics: { code: string; file: string; line?: number; message: string; severity: string }[] }).diagnostics.filter((d) => d.code === 'version-reflects-changes');
      assert.equal(found.length, 3, 'one finding per plan whose version does not reflect the new column');
      const starter = found.find((d) => d.message.includes('Plan starter'))!;
      assert.equal(starter.severity, 'error');
      assert.equal(starter.file, 'offers/contoso-mail-insights/offer.yaml');
      const lines = (await readFile(join(offer, 'offer.yaml'), 'utf8')).split('\n');
      assert.equal(lines[starter.line! - 1], '    version: 1.2.1');
      assert.match(starter.message, /raise at least the minor version/);

      // The configuration decides the level.
      await writeFile(join(repo, 'offerkit.config.yaml'), 'baseline: v1.2.0\nrules:\n  version-reflects-changes: warning\n');
      const out = join(await tempDir(), 'dist');
      const b = await runCli(['build', 'offers/contoso-mail-insights', '--out', out], { cwd: repo });
      assert.equal(b.code, 0, b.stdout + b.stderr);
      assert.match(b.stdout + b.stderr, /version-reflects-changes/);
      const readme = await readFile(join(out, 'contoso-mail-insights', 'starter', 'README.md'), 'utf8');
      assert.match(readme, /## What changes in this version\n\nSince version 1\.2\.0 \(compared with git v1\.2\.0 \([0-9a-f]{7}\)\):\n\n### Data requested\n\n- Added: BasicDataSet\\_v0\.Message\\_v1: adds column subject/);
      assert.ok(readme.indexOf('## What changes in this version') < readme.indexOf('## What gets deployed'), 'the section comes first');
      const pkg = inspectPackageBuffer(await readFile(join(out, 'contoso-mail-insights', 'starter', 'app.zip')), 'app.zip');
      assert.equal(pkg.contents.get('README.md')!.toString('utf8'), readme, 'the packaged README says it too');

      // The preview shows the customer the same.
      const site = join(await tempDir(), 'site');
      const p = await runCli(['preview', 'offers/contoso-mail-insights', '--out', site], { cwd: repo });
      assert.equal(p.code, 0, p.stdout + p.stderr);
      const page = await readFile(join(site, 'index.html'), 'utf8');
      const section = /<section id="changes"><h2>What changes in this version<\/h2>([\s\S]*?)<\/section>/.exec(page);
      assert.ok(section, 'the offer page has the section');
      assert.match(section[1], /<article class="plan-changes" data-plan="starter"><h3>Starter: since version 1\.2\.0<\/h3>/);
      assert.match(section[1], /<h4>Data requested<\/h4><ul><li class="change change-added" data-group="data"><strong>Added:<\/strong> BasicDataSet_v0\.Message_v1: adds column subject<\/li><\/ul>/);
      assert.match(section[1], /must approve the data request again/);
    } finally {
      await rm(join(repo, 'offerkit.config.yaml'));
      git(repo, 'checkout', '-q', '--', '.');
    }
  });

  it('a dist/ folder and a lone app.zip from an older offerkit build', async () => {
    const old = join(await tempDir(), 'dist-old');
    const b = await runCli(['build', 'offers/contoso-mail-insights', '--out', old], { cwd: repo });
    assert.equal(b.code, 0, b.stdout + b.stderr);
    // An older offerkit stamped its own version in mainTemplate and wrote the zip its own way.
    for (const plan of ['starter', 'standard', 'enterprise']) {
      const zipPath = join(old, 'contoso-mail-insights', plan, 'app.zip');
      const pkg = inspectPackageBuffer(await readFile(zipPath), 'app.zip');
      const entries = [...pkg.contents].map(([name, data]) => ({ name, data: name === 'mainTemplate.json' ? data.toString('utf8').replace(/"generator": "offerkit [^"]+"/, '"generator": "offerkit 0.0.9"') : data }));
      assert.match(String(entries.find((e) => e.name === 'mainTemplate.json')!.data), /offerkit 0\.0\.9/);
      await writeFile(zipPath, makeZip(entries.reverse()));
    }
    await rm(join(old, 'contoso-mail-insights', 'enterprise', 'definition.json'));
    const same = await changes(['--since', old, '--format', 'json']);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const j = asJson(same.stdout);
    assert.deepEqual(j.plans.map((p) => [p.plan, p.version.verdict, p.contentChanged]), [['starter', 'unchanged', false], ['standard', 'unchanged', false], ['enterprise', 'unchanged', false]]);
    const enterprise = j.plans.find((p) => p.plan === 'enterprise')!;
    assert.ok(enterprise.notCompared.some((n) => n.startsWith('publisher access: Publisher identity and role')), enterprise.notCompared.join('; '));
    assert.ok(!j.plans.find((p) => p.plan === 'starter')!.notCompared.length, 'definition.json beside the zip tells access and policies');

    await editOffer(offer, [['  - minimum-tls\n', ''], ['    version: 1.2.0\n    price: { model: flat, amount: 490', '    version: 1.3.0\n    price: { model: flat, amount: 590']]);
    try {
      const zip = await changes(['--since', join(old, 'contoso-mail-insights', 'starter', 'app.zip'), '--format', 'json']);
      assert.equal(zip.code, 0, zip.stdout + zip.stderr);
      const z = asJson(zip.stdout);
      assert.deepEqual(z.plans.map((p) => p.plan), ['starter'], 'the zip is the starter plan (its folder and its stamp say so)');
      const texts = z.plans[0].changes.map((c) => `${c.group}: ${c.text}`);
      assert.ok(texts.includes('policies: No longer attaches policy minimum-tls (/providers/Microsoft.Authorization/policyDefinitions/fe83a0eb-a853-422d-aac2-1bffd182c5d0)'), texts.join('\n'));
      assert.ok(texts.includes('price: $490 per month → $590 per month'), texts.join('\n'));
      assert.equal(z.plans[0].version.verdict, 'raised');

      // A package in a folder that names no plan, in an offer of three plans, needs --plan.
      const lone = join(await tempDir(), 'app.zip');
      await writeFile(lone, makeZip([{ name: 'mainTemplate.json', data: '{"resources":[]}' }, { name: 'createUiDefinition.json', data: '{}' }]));
      const which = await changes(['--since', lone]);
      assert.equal(which.code, 2, which.stdout + which.stderr);
      assert.match(which.stderr, /which plan is this package\?/);
      const named = await changes(['--since', lone, '--plan', 'standard', '--format', 'json']);
      const n = asJson(named.stdout).plans[0];
      assert.equal(n.plan, 'standard');
      assert.ok(n.changes.some((c) => c.group === 'data' && c.text.includes('Adds dataset BasicDataSet_v0.Message_v1')), 'a package that copied nothing: every dataset is added');
      assert.equal(n.version.verdict, 'unknown', 'the baseline has no version');
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
    }
  });

  it('--out never replaces a file of the offer', async () => {
    const r = await changes(['--since', 'HEAD', '--out', join(offer, 'terms.md')]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /--out .*terms\.md is inside the offer folder/);
    assert.equal(git(repo, 'status', '--porcelain'), '', 'nothing in the repository changed');
  });

  it('--out writes the report whole', async () => {
    const file = join(await tempDir(), 'notes', 'changes.md');
    await mkdir(join(file, '..'), { recursive: true });
    const r = await changes(['--since', 'HEAD', '--format', 'markdown', '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await readFile(file, 'utf8'), r.stdout);
  });
});
