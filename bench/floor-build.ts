// The floor a build is compared with: start node, read the same input files a build reads (offer
// folder, template set and the partials it shares, policies, dataset catalog) and zip them once per plan with the same zip library.

import { readdir, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ZipArchive } from 'archiver';
import type { Readable } from 'node:stream';

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

const [offerDir, root] = [process.argv[2], process.argv[3]];
const inputs = [...(await files(offerDir)), ...(await files(join(root, 'templates', 'mgdc-adf'))), ...(await files(join(root, 'templates', 'mgdc-shared'))), ...(await files(join(root, 'policies'))), join(root, 'src', 'datasets', 'catalog.json'), join(root, 'schemas', 'offer.schema.json')];
const contents = await Promise.all(inputs.map((f) => readFile(f)));
const out = await mkdtemp(join(tmpdir(), 'offerkit-floor-'));
for (const plan of ['starter', 'standard', 'enterprise']) {
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((res) => (archive as unknown as Readable).on('end', () => res()));
  (archive as unknown as Readable).on('data', (c: Buffer) => chunks.push(c));
  contents.forEach((c, i) => archive.append(c, { name: `f${i}` }));
  await archive.finalize();
  await done;
  await writeFile(join(out, `${plan}.zip`), Buffer.concat(chunks));
}
