import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectPackageBuffer, MAX_HELD_BYTES } from '../../src/package/inspect-package.js';
import { writeDeterministicZip } from '../../src/package/zip-write.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeZip, MINIMAL_PACKAGE, type RawEntry } from '../helpers/make-zip.js';
import { parseJson } from '../helpers/json.js';

const inspect = (entries: RawEntry[]) => inspectPackageBuffer(makeZip(entries), 'app.zip');
const codes = (entries: RawEntry[]) => inspect(entries).diagnostics.map((d) => d.code);

describe('inspectPackage', () => {
  it('accepts a minimal package and lists sizes and sha256', () => {
    const r = inspect(MINIMAL_PACKAGE);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.entries.length, 2);
    for (const e of r.entries) assert.match(e.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(r.contents.get('mainTemplate.json')!.toString('utf8'), MINIMAL_PACKAGE[0].data);
  });

  const hostile: { name: string; entries: RawEntry[]; code: string }[] = [
    { name: '".." entry', entries: [...MINIMAL_PACKAGE, { name: '../evil.sh', data: 'rm -rf /' }], code: 'package-unsafe-path' },
    { name: 'nested ".." entry', entries: [...MINIMAL_PACKAGE, { name: 'a/../../evil', data: 'x' }], code: 'package-unsafe-path' },
    { name: 'absolute path', entries: [...MINIMAL_PACKAGE, { name: '/etc/passwd', data: 'x' }], code: 'package-unsafe-path' },
    { name: 'Windows drive path', entries: [...MINIMAL_PACKAGE, { name: 'C:\\evil.txt', data: 'x' }], code: 'package-unsafe-path' },
    { name: 'symbolic link', entries: [...MINIMAL_PACKAGE, { name: 'link', data: '/etc/passwd', mode: 0o120777, deflate: false }], code: 'package-symlink' },
    { name: 'zip bomb (high ratio)', entries: [...MINIMAL_PACKAGE, { name: 'big.json', data: Buffer.alloc(20 * 1024 * 1024, 0x20) }], code: 'package-zip-bomb' },
    { name: 'entry that inflates past its declared size', entries: [...MINIMAL_PACKAGE, { name: 'liar.json', data: Buffer.alloc(100000, 0x41), declaredSize: 10 }], code: 'package-zip-bomb' },
    { name: 'encrypted entry', entries: [...MINIMAL_PACKAGE, { name: 'secret.txt', data: 'x', encrypted: true }], code: 'package-damaged-entry' },
    { name: 'duplicate entry', entries: [...MINIMAL_PACKAGE, { name: 'MainTemplate.json', data: '{}' }], code: 'package-duplicate-entry' },
    { name: 'files inside a folder', entries: MINIMAL_PACKAGE.map((e) => ({ ...e, name: `pkg/${e.name}` })), code: 'package-missing-root-file' },
    { name: 'no createUiDefinition.json', entries: [MINIMAL_PACKAGE[0]], code: 'package-missing-root-file' },
  ];
  for (const c of hostile) {
    it(`refuses a ${c.name} with ${c.code}`, () => {
      const r = inspect(c.entries);
      assert.ok(r.diagnostics.some((d) => d.code === c.code && d.severity === 'error'), JSON.stringify(r.diagnostics));
    });
  }

  it('says where the files are when they are in a folder', () => {
    const r = inspect(MINIMAL_PACKAGE.map((e) => ({ ...e, name: `pkg/${e.name}` })));
    assert.match(r.diagnostics[0].hint ?? '', /zip the files themselves/);
  });

  it('never keeps the bytes of an unsafe entry', () => {
    const r = inspect([...MINIMAL_PACKAGE, { name: '../evil.sh', data: 'x' }]);
    assert.equal(r.contents.has('../evil.sh'), false);
  });

  it('reports truncated and non-zip files', () => {
    const zip = makeZip(MINIMAL_PACKAGE);
    assert.deepEqual(inspectPackageBuffer(zip.subarray(0, zip.length - 30), 'x.zip').diagnostics.map((d) => d.code), ['package-not-zip']);
    assert.deepEqual(inspectPackageBuffer(Buffer.from('not a zip at all, just text'), 'x.zip').diagnostics.map((d) => d.code), ['package-not-zip']);
    assert.deepEqual(codes([...MINIMAL_PACKAGE]).length, 0);
  });

  it('detects damaged data by CRC', () => {
    const zip = makeZip([...MINIMAL_PACKAGE, { name: 'data.txt', data: 'hello world, hello world', deflate: false }]);
    const i = zip.indexOf('hello world');
    zip[i] = 0x48; // 'H'
    assert.ok(inspectPackageBuffer(zip, 'x.zip').diagnostics.some((d) => d.code === 'package-damaged-entry' && d.message.includes('CRC')));
  });

  it('reads back what writeDeterministicZip wrote, sorted', async () => {
    const zip = await writeDeterministicZip(new Map([['b.json', Buffer.from('{}')], ['mainTemplate.json', Buffer.from('{}')], ['createUiDefinition.json', Buffer.from('{}')], ['A.md', Buffer.from('x')]]));
    const r = inspectPackageBuffer(zip, 'x.zip');
    assert.deepEqual(r.entries.map((e) => e.name), ['A.md', 'b.json', 'createUiDefinition.json', 'mainTemplate.json']);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('offerkit inspect', () => {
  it('exit 0 and a listing for a good package, exit 1 with diagnostics for a hostile one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'good.zip'), makeZip(MINIMAL_PACKAGE));
    await writeFile(join(dir, 'bad.zip'), makeZip([...MINIMAL_PACKAGE, { name: '../../x', data: 'x' }]));
    const good = await runCli(['inspect', 'good.zip', '--json'], { cwd: dir });
    assert.equal(good.code, 0, good.stdout);
    const g = parseJson<{ entries: { name: string }[] }>(good.stdout);
    assert.deepEqual(g.entries.map((e) => e.name), ['mainTemplate.json', 'createUiDefinition.json']);
    const bad = await runCli(['inspect', 'bad.zip'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /package-unsafe-path/);
  });

  it('exit 2 for usage errors', async () => {
    const r = await runCli(['inspect']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Not enough non-option arguments|zip/);
  });
});

describe('malformed zips: every structural lie is a finding, never an internal error', () => {
  /** A deterministic stream of numbers (the same cases every run). */
  const seeded = (seed: number) => () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

  it('lies in the end record, the central directory and the local headers', () => {
    const good = makeZip([...MINIMAL_PACKAGE.map((e) => ({ ...e, deflate: true })), { name: 'nested/x.json', data: '{}' }]);
    const eocd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = good.readUInt32LE(eocd + 16);
    assert.ok(eocd > 0 && cd > 0);
    const random = seeded(42);
    let findings = 0;
    for (let i = 0; i < 600; i++) {
      const bad = Buffer.from(good);
      // Overwrite one to four bytes: mostly the central directory and end record, sometimes a local header.
      const region = random() < 0.8 ? [cd, bad.length] : [0, cd];
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        const at = region[0] + Math.floor(random() * (region[1] - region[0]));
        bad[at] = random() < 0.5 ? 0xff : Math.floor(random() * 256);
      }
      const r = inspectPackageBuffer(bad, 'bad.zip');
      if (r.diagnostics.some((d) => d.severity === 'error')) findings++;
    }
    assert.ok(findings > 100, `damaged archives are reported (${findings} of 600)`);
  });

  it('an extra field that claims to run past the end of the file', () => {
    const good = makeZip(MINIMAL_PACKAGE);
    const eocd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = good.readUInt32LE(eocd + 16);
    const bad = Buffer.from(good);
    bad.writeUInt16LE(0xffff, cd + 30); // extra length of the first central entry
    const r = inspectPackageBuffer(bad, 'bad.zip');
    assert.ok(r.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(r.diagnostics));
  });
});

describe('a zip that lies about sizes is damaged, and said to be', () => {
  /** A zip64 extended-information field (id 0x0001) holding `values`, its length field saying `claimed`. */
  const zip64 = (values: bigint[], claimed = values.length * 8) => {
    const b = Buffer.alloc(4 + values.length * 8);
    b.writeUInt16LE(0x0001, 0);
    b.writeUInt16LE(claimed, 2);
    values.forEach((v, i) => b.writeBigUInt64LE(v, 4 + i * 8));
    return b;
  };
  const lies: { name: string; entry: Partial<RawEntry>; message: RegExp }[] = [
    { name: 'a zip64 size of 2^40 bytes in a 1 KB archive', entry: { declaredSize: 0xffffffff, centralExtra: zip64([2n ** 40n]) }, message: /declares 1099511627776 bytes uncompressed from \d+ compressed, more than deflate can make \(at most 1032 to 1\)/ },
    { name: 'a zip64 field that claims more bytes than the extra block holds', entry: { declaredSize: 0xffffffff, centralExtra: zip64([100n], 200) }, message: /has an extra field \(0x0001\) that claims 200 bytes where only 8 of the entry's extra data follow/ },
    { name: 'a size marked as zip64 with no zip64 field', entry: { declaredSize: 0xffffffff }, message: /marks a size or offset as kept in a zip64 extra field that is missing or too short/ },
    { name: 'a compressed size larger than the archive', entry: { declaredCompressedSize: 0xffffffff, centralExtra: zip64([2n ** 30n]) }, message: /declares 1073741824 bytes of compressed data in an archive of \d+ bytes/ },
    { name: 'a stored entry whose two sizes differ', entry: { deflate: false, declaredSize: 70_000_000 }, message: /is stored uncompressed but declares 2 bytes stored and 70000000 bytes uncompressed/ },
  ];
  for (const lie of lies) {
    it(lie.name, () => {
      const zip = makeZip([...MINIMAL_PACKAGE, { name: 'liar.json', data: '{}', ...lie.entry }]);
      assert.ok(zip.length < 2048, `${zip.length} bytes`);
      const r = inspectPackageBuffer(zip, 'liar.zip');
      const d = r.diagnostics.find((x) => x.message.includes('liar.json'));
      assert.ok(d, JSON.stringify(r.diagnostics));
      assert.equal(d.code, 'package-damaged-entry');
      assert.match(d.message, lie.message);
      assert.match(d.message, /the archive is damaged/);
      assert.ok(!r.diagnostics.some((x) => /more than \d+ bytes uncompressed|zip bomb|too-large/.test(`${x.code} ${x.message}`)), 'not reported as a size limit');
      assert.ok(r.contents.has('mainTemplate.json'), 'the honest entries are still read');
    });
  }
});

describe('what a package may hold in memory', () => {
  it('entries each under the bomb floor but together past the budget are read no further', () => {
    const zeros = Buffer.alloc(10 * 1024 * 1024 - 4096);
    const many = Array.from({ length: 14 }, (_, i) => ({ name: `data/part-${String(i).padStart(2, '0')}.bin`, data: zeros, deflate: true }));
    const r = inspectPackageBuffer(makeZip([...MINIMAL_PACKAGE, ...many]), 'big.zip');
    const d = r.diagnostics.find((x) => x.code === 'package-too-large');
    assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.code)));
    assert.match(d.message, new RegExp(`more than ${MAX_HELD_BYTES} bytes uncompressed, all together`));
    const held = [...r.contents.values()].reduce((n, b) => n + b.length, 0);
    assert.ok(held <= MAX_HELD_BYTES, `held ${held} bytes`);
    assert.equal(MAX_HELD_BYTES, 64 * 1024 * 1024, 'the budget README states');
    assert.ok(r.contents.has('mainTemplate.json'), 'what fits is still read');
  });
});
