// Every file offerkit writes goes through one door (src/fs/output-file.ts, output-folder.ts). Aimed at a FIFO, a
// socket, a device node (made here with mknod, as root may), a symbolic link or a file of the user's, every
// report option is refused with output-refused, and what was there is left exactly as it was: the same kind,
// the same device numbers, the same link target, the same bytes. `-` and `/dev/stdout` are the stream, and
// /dev/stdout is still the link it was. A report offerkit wrote is replaced; one the user edited is not.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { EXAMPLE_OFFER, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { BASE_OFFER, writeOffer } from '../helpers/offer-fixture.js';

interface World {
  dir: string;
  offer: string;
  /** A built dist/ of the offer, for changes --since. */
  dist: string;
  /** A regular file outside, which links point at. */
  outside: string;
}

/** What stands at a path, in enough detail to see any change. */
async function state(path: string): Promise<string> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return 'missing';
  if (st.isSymbolicLink()) return `link → ${await readlink(path)}`;
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return `char ${st.rdev}`;
  if (st.isBlockDevice()) return `block ${st.rdev}`;
  if (st.isDirectory()) return 'folder';
  return `file ${createHash('sha256').update(await readFile(path)).digest('hex')}`;
}

interface Target {
  name: string;
  make(w: World, path: string): Promise<{ close?: () => Promise<void> } | void>;
  message: RegExp;
}

const targets: Target[] = [
  { name: 'a FIFO', make: (_w, p) => Promise.resolve(void execFileSync('mkfifo', [p])), message: /is a FIFO \(named pipe\); offerkit writes report files only as regular files/ },
  { name: 'a device node like /dev/null', make: (_w, p) => Promise.resolve(void execFileSync('mknod', [p, 'c', '1', '3'])), message: /is a character device; offerkit writes report files only as regular files/ },
  {
    name: 'a socket',
    make: async (_w, p) => {
      const server: Server = createServer();
      await new Promise<void>((resolve) => server.listen(p, resolve));
      return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    },
    message: /is a socket; offerkit writes report files only as regular files/,
  },
  { name: 'a link to a file of the user', make: (w, p) => symlink(w.outside, p), message: /is a symbolic link \(to .*outside\.txt\); offerkit writes report files only as regular files and never through a link/ },
  {
    name: 'a link to a device node',
    make: async (_w, p) => {
      execFileSync('mknod', [`${p}.device`, 'c', '1', '3']);
      await symlink(`${p}.device`, p);
    },
    message: /is a symbolic link/,
  },
  { name: 'a dangling link', make: (w, p) => symlink(join(w.dir, 'nowhere', 'x'), p), message: /is a symbolic link/ },
  { name: 'a file of the user', make: (_w, p) => writeFile(p, 'my notes\n'), message: /already exists and offerkit cannot tell that it wrote it/ },
];

interface Report {
  name: string;
  args(w: World, path: string): string[];
  /** Appended to (the user's own file is then fine). */
  appends?: boolean;
}

const reports: Report[] = [
  { name: 'validate --sarif', args: (w, p) => ['validate', w.offer, '--sarif', p] },
  { name: 'validate --junit', args: (w, p) => ['validate', w.offer, '--junit', p] },
  { name: 'validate --summary', args: (w, p) => ['validate', w.offer, '--summary', p], appends: true },
  { name: 'build --sarif', args: (w, p) => ['build', w.offer, '--out', join(w.dir, 'out'), '--sarif', p] },
  { name: 'changes --out', args: (w, p) => ['changes', w.offer, '--since', w.dist, '--out', p] },
  { name: 'changes --summary', args: (w, p) => ['changes', w.offer, '--since', w.dist, '--summary', p], appends: true },
  { name: 'preview --parameters-out', args: (w, p) => ['preview', w.offer, '--parameters-out', p] },
  { name: 'marketplace status --trace', args: (w, p) => ['marketplace', 'status', w.offer, '--trace', p] },
  { name: 'publish --summary', args: (w, p) => ['publish', w.offer, '--to', 'service-catalog', '--summary', p], appends: true },
  { name: 'cache update --out', args: (_w, p) => ['cache', 'update', '--out', p, '--subscription', '00000000-0000-0000-0000-000000000000'] },
];

async function world(): Promise<World> {
  const dir = await tempDir('offerkit-door-');
  const offer = join(dir, 'offer');
  await writeOffer(BASE_OFFER, {}, offer);
  const dist = join(dir, 'dist');
  const built = await runCli(['build', offer, '--out', dist], { cwd: dir });
  assert.equal(built.code, 0, built.stdout + built.stderr);
  const outside = join(dir, 'outside.txt');
  await writeFile(outside, 'kept\n');
  return { dir, offer, dist, outside };
}

const noCrash = (r: CliResult) => assert.doesNotMatch(r.stdout + r.stderr, /internal error|at .+\.[cm]?js:\d+/, 'no stack trace');

describe('one door out: special files, links and files of the user survive every report option', function () {
  this.timeout(120000);
  let w: World;
  before(async () => {
    w = await world();
  });

  // Every target for the SARIF report; each other report option against one target in turn (all of them met).
  const pairs = [...targets.map((t) => [reports[0], t] as const), ...reports.slice(1).map((r, i) => [r, targets[i % targets.length]] as const)];
  for (const [report, target] of pairs) {
    if (report.appends && target.name === 'a file of the user') continue;
    it(`${report.name} at ${target.name}: refused, left as it was`, async () => {
      const path = join(w.dir, `${report.name.replace(/\W+/g, '-')}-${target.name.replace(/\W+/g, '-')}`);
      const made = await target.make(w, path);
      try {
        const before = await state(path);
        const outside = await state(w.outside);
        const r = await runCli(report.args(w, path), { cwd: w.dir, timeoutMs: 60000 });
        assert.ok(!r.timedOut, 'the command did not hang on the FIFO');
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.match(r.stderr, target.message);
        assert.match(r.stderr, /output-refused/);
        noCrash(r);
        assert.equal(await state(path), before, 'what was there is unchanged');
        assert.equal(await state(w.outside), outside, 'what a link points at is unchanged');
      } finally {
        await (made as { close?: () => Promise<void> } | undefined)?.close?.();
      }
    });
  }

  it('--summary appends to a file of the user, never replacing it', async () => {
    const path = join(w.dir, 'summary-of-mine.md');
    await writeFile(path, '## mine\n');
    const r = await runCli(['validate', w.offer, '--summary', path], { cwd: w.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(await readFile(path, 'utf8'), /^## mine\n## offerkit validate/);
  });

  it('a report offerkit wrote is replaced on the next run; once the user edits it, it is not', async () => {
    const path = join(w.dir, 'reports', 'r.sarif');
    assert.equal((await runCli(['validate', w.offer, '--sarif', path], { cwd: w.dir })).code, 0);
    const first = await readFile(path, 'utf8');
    const again = await runCli(['validate', w.offer, '--sarif', path], { cwd: w.dir });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await readFile(path, 'utf8'), first);
    const manifest = JSON.parse(await readFile(join(w.dir, 'reports', '.offerkit-manifest.json'), 'utf8')) as { files: Record<string, string> };
    assert.equal(manifest.files['r.sarif'], createHash('sha256').update(first).digest('hex'), 'the manifest beside it holds its sha256');
    await writeFile(path, `${first}\n// my note\n`);
    const edited = await runCli(['validate', w.offer, '--sarif', path], { cwd: w.dir });
    assert.equal(edited.code, 2);
    assert.match(edited.stderr, /r\.sarif already exists and offerkit cannot tell that it wrote it/);
    assert.match(await readFile(path, 'utf8'), /my note/);
  });

  it('a caller that decided a file may go (a script\'s --force) replaces a regular file, never a FIFO or a link, and leaves no manifest', async () => {
    const { writeOutputFile } = await import('../../src/fs/output-folder.js');
    const folder = join(w.dir, 'fixtures');
    await mkdir(folder);
    await writeFile(join(folder, 'recording.json'), 'old\n');
    await writeOutputFile(join(folder, 'recording.json'), 'new\n');
    assert.equal(await readFile(join(folder, 'recording.json'), 'utf8'), 'new\n');
    assert.equal(await state(join(folder, '.offerkit-manifest.json')), 'missing', 'no manifest in a fixture folder');
    execFileSync('mkfifo', [join(folder, 'pipe.json')]);
    await symlink(w.outside, join(folder, 'link.json'));
    await assert.rejects(writeOutputFile(join(folder, 'pipe.json'), 'x'), /is a FIFO/);
    await assert.rejects(writeOutputFile(join(folder, 'link.json'), 'x'), /is a symbolic link/);
    assert.equal(await state(join(folder, 'pipe.json')), 'fifo');
    assert.equal(await readFile(w.outside, 'utf8'), 'kept\n');
  });

  it('an empty file (mktemp) is replaced', async () => {
    const path = join(w.dir, 'empty.xml');
    await writeFile(path, '');
    assert.equal((await runCli(['validate', w.offer, '--junit', path], { cwd: w.dir })).code, 0);
    assert.match(await readFile(path, 'utf8'), /^<\?xml/);
  });

  it('--sarif - writes SARIF to stdout and the findings to stderr', async () => {
    const r = await runCli(['validate', EXAMPLE_OFFER, '--sarif', '-'], { cwd: w.dir });
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { name: string } } }[] };
    assert.equal(sarif.runs[0].tool.driver.name, 'offerkit');
    assert.ok(!(await state(join(w.dir, '-')).then((s) => s !== 'missing')), 'no file named -');
  });

  it('--junit /dev/stdout writes to the stream and /dev/stdout stays the link it is', async () => {
    const before = await state('/dev/stdout');
    const r = await runCli(['validate', EXAMPLE_OFFER, '--junit', '/dev/stdout'], { cwd: w.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<\?xml[^]*<testsuites/);
    assert.equal(await state('/dev/stdout'), before);
  });

  it('preview --parameters-out - writes the parameters file to stdout', async () => {
    const r = await runCli(['preview', EXAMPLE_OFFER, '--parameters-out', '-'], { cwd: w.dir });
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(r.stdout) as { $schema: string; parameters: Record<string, unknown> };
    assert.match(file.$schema, /deploymentParameters\.json/);
    assert.match(r.stderr, /Wrote standard output: the deployment parameters/);
  });

  it('two reports on one stream, or a report on stdout beside --format json, are usage errors that write nothing', async () => {
    const both = await runCli(['validate', EXAMPLE_OFFER, '--sarif', '-', '--junit', '/dev/stdout'], { cwd: w.dir });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--sarif and --junit both write to standard output/);
    const json = await runCli(['validate', EXAMPLE_OFFER, '--sarif', '-', '--format', 'json'], { cwd: w.dir });
    assert.equal(json.code, 2);
    assert.match(json.stdout, /--sarif - writes the report to standard output, where --format json already goes/);
  });

  it('a report on a stream goes through the sanitiser: JSON keeps its values, nothing steers the log', async () => {
    const offer = join(w.dir, 'steering');
    // A key holding a pipeline command and a bidi override: refused where it stands, and its pointer reported.
    await writeOffer(BASE_OFFER.replace('summary:', '"##vso[task.setvariable variable=A]1\u202Egnp": 1\nsummary:'), {}, offer);
    const r = await runCli(['validate', offer, '--sarif', '-'], { cwd: w.dir });
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /##vso\[|\u202E/, 'no raw logging command or override on stdout');
    const sarif = JSON.parse(r.stdout) as { runs: { results: { properties?: { pointer?: string } }[] }[] };
    const pointers = sarif.runs[0].results.map((x) => x.properties?.pointer);
    assert.ok(pointers.includes('/##vso[task.setvariable variable=A]1\u202Egnp'), `the value itself is kept in the JSON (${JSON.stringify(pointers)})`);
  });

  it('a folder option given - or /dev/stdout is refused: a folder cannot go to a stream', async () => {
    for (const args of [['build', w.offer, '--out', '-'], ['preview', w.offer, '--out', '/dev/stdout'], ['init', '-']]) {
      const before = await state('/dev/stdout');
      const r = await runCli(args, { cwd: w.dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /names a stream; offerkit writes a folder there|offerkit init needs the folder to create \(a name, not - or an empty text\)/, args.join(' '));
      assert.equal(await state(join(w.dir, '-')), 'missing', 'no folder named -');
      assert.equal(await state('/dev/stdout'), before);
    }
  });

  it('output folders: a folder without a manifest is the user\'s, whatever its files are called', async () => {
    // An older offerkit's file names (README.md in a plan folder, index.html in an export) prove nothing.
    const out = join(w.dir, 'named-like-ours');
    await mkdir(join(out, 'fixture-offer', 'basic'), { recursive: true });
    await writeFile(join(out, 'fixture-offer', 'basic', 'README.md'), 'my readme\n');
    const b = await runCli(['build', w.offer, '--out', out, '--json'], { cwd: w.dir });
    assert.equal(b.code, 2, b.stdout);
    assert.match(b.stdout, /README\.md, which was not written by offerkit \(the folder has no \.offerkit-manifest\.json/);
    assert.equal(await readFile(join(out, 'fixture-offer', 'basic', 'README.md'), 'utf8'), 'my readme\n');
    const site = join(w.dir, 'site-of-mine');
    await mkdir(site);
    await writeFile(join(site, 'index.html'), '<p>mine</p>');
    const p = await runCli(['preview', w.offer, '--out', site, '--json'], { cwd: w.dir });
    assert.equal(p.code, 2, p.stdout);
    assert.match(p.stdout, /index\.html, which was not written by offerkit/);
    assert.equal(await readFile(join(site, 'index.html'), 'utf8'), '<p>mine</p>');
  });
});
