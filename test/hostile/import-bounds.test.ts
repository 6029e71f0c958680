// init --from stays within the bounds every command keeps (README, Safety): 10 s and 300 MB for any input, or a
// refusal that says why. Each case runs the real CLI with its peak memory recorded (maxRSS at exit).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { measuredCli } from '../helpers/measured-cli.js';
import { writeRepeated } from '../helpers/large-file.js';
import { writeZipOfPieces } from '../helpers/make-zip.js';

const MAIN = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": []\n}\n';
const UI = '{ "$schema": "https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#", "handler": "Microsoft.Azure.CreateUIDef", "version": "0.1.2-preview", "parameters": { "basics": [], "steps": [], "outputs": {} } }\n';

const measured = measuredCli;

async function pkg(dir: string, files: Record<string, string | Buffer>): Promise<string> {
  const p = join(dir, 'pkg');
  await mkdir(p, { recursive: true });
  for (const [name, data] of Object.entries({ 'mainTemplate.json': MAIN, 'createUiDefinition.json': UI, ...files })) await writeFile(join(p, name), data);
  return p;
}

describe('init --from within 10 s and 300 MB, or refused saying why', function () {
  this.timeout(120000);

  it('a 50 MB template is refused by its size, without reading it into memory', async () => {
    const dir = await tempDir('offerkit-bounds-');
    const source = await pkg(dir, {});
    const [before, after] = MAIN.replace('"resources": []', '"variables": { "pad": "\0" }, "resources": []').split('\0');
    await writeRepeated(join(source, 'mainTemplate.json'), { before, unit: 'x'.repeat(1024 * 1024), times: 50, after });
    const r = await measured(['init', join(dir, 'adopted'), '--from', source, '--json'], dir);
    assert.ok(!r.timedOut);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /"code": "import-file-too-large"/);
    assert.match(r.stdout, /mainTemplate\.json is 524\d{5} bytes; the limit is 10485760/);
    assert.ok(r.peakMb > 0 && r.peakMb < 300, `peak ${r.peakMb} MB`);
  });

  it('an app.zip holding a 50 MB template (compressing 4 to 3, no bomb) is refused by its declared size, never inflated', async () => {
    const dir = await tempDir('offerkit-bounds-');
    // Random text compresses 4 to 3, so the zip is no bomb; it is written piece by piece, one megabyte at a time.
    const [before, after] = MAIN.replace('"resources": []', '"variables": { "pad": "\0" }, "resources": []').split('\0');
    function* template() {
      yield before;
      for (let i = 0; i < 50; i++) yield randomBytes(786432).toString('base64');
      yield after;
    }
    await writeZipOfPieces(join(dir, 'app.zip'), 'mainTemplate.json', template(), [{ name: 'createUiDefinition.json', data: UI }]);
    const r = await measured(['init', join(dir, 'adopted'), '--from', join(dir, 'app.zip'), '--json'], dir);
    assert.ok(!r.timedOut);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Entry \\"mainTemplate\.json\\" is 524\d{5} bytes uncompressed; offerkit reads entries up to 10485760 here/);
    assert.ok(r.peakMb > 0 && r.peakMb < 300, `peak ${r.peakMb} MB`);
  });

  it('a template just under the 4 MB a template set reads imports within the memory bound', async () => {
    const dir = await tempDir('offerkit-bounds-');
    const items = Array.from({ length: 60_000 }, (_, i) => `"{{v${i}}} it's \\"q\\" /* not a comment */"`).join(',');
    const source = await pkg(dir, { 'mainTemplate.json': MAIN.replace('"resources": []', `// it's a comment with "quotes"\n  "variables": { "many": [${items}] }, "resources": []`) });
    const r = await measured(['init', join(dir, 'adopted'), '--from', source, '--json'], dir);
    assert.ok(!r.timedOut);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.peakMb > 0 && r.peakMb < 300, `peak ${r.peakMb} MB`);
    const template = await readFile(join(dir, 'adopted', 'template', 'mainTemplate.json.hbs'), 'utf8');
    assert.ok(template.includes('"\\u007b{v59999}} it\'s'), 'the last string escaped too');
  });

  for (const [what, readme] of [
    ['100,000 "@" on the support line', `# X\n\n## Support\n\nName — ${'@'.repeat(100_000)}\n`],
    ['a 1 MB README of "@" and " — "', `## Support\n\n${'a — @'.repeat(200_000)}\n`],
    ['a 1 MB run of spaces in the terms', `# X\n\n## Terms of service\n\nx${' '.repeat(1_000_000)}y\n`],
    ['200,000 "### " lines before a purpose', `${'### a (`b`)\n'.repeat(200_000)}**Purpose:** p\n`],
  ] as const) {
    it(`a README with ${what} is read in one pass`, async () => {
      const dir = await tempDir('offerkit-bounds-');
      const source = await pkg(dir, { 'README.md': readme });
      const r = await measured(['init', join(dir, 'adopted'), '--from', source, '--json'], dir);
      // The quadratic patterns took 9.8 s for 100,000 "@" and over 30 s for 1 MB: the 60 s limit catches a return.
      assert.ok(!r.timedOut, 'finished');
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(r.peakMb < 300, `peak ${r.peakMb} MB`);
    });
  }
});
