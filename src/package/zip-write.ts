// Deterministic zips: entries sorted by name (byte order), one fixed timestamp, fixed permissions,
// maximum deflate. The same files give the same bytes on every machine and in every time zone.

import { ZipArchive } from 'archiver';
import type { Readable } from 'node:stream';

/** 1980-01-01T00:00:00Z, the first instant a zip (DOS) timestamp can express. */
export const FIXED_ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));
export const FILE_MODE = 0o644;

export function sortEntryNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
}

export async function writeDeterministicZip(files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 }, forceLocalTime: false, comment: '' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    (archive as unknown as Readable).on('data', (c: Buffer) => chunks.push(c));
    (archive as unknown as Readable).on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  for (const name of sortEntryNames(files.keys())) {
    archive.append(files.get(name)!, { name, date: FIXED_ZIP_DATE, mode: FILE_MODE });
  }
  await archive.finalize();
  return done;
}
