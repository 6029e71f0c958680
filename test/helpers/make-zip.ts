// Hand-made zip archives for testing the reader against hostile input: any name, any Unix mode,
// declared sizes that lie, encrypted flags, truncation.

import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** Unix mode (e.g. 0o120777 for a symlink); sets "made by Unix". */
  mode?: number;
  deflate?: boolean;
  /** Override the declared uncompressed size. */
  declaredSize?: number;
  encrypted?: boolean;
  /** Extra fields of the central entry, as given (a zip64 field that lies, one longer than the block). */
  centralExtra?: Buffer;
  /** Override the declared compressed size in the central entry. */
  declaredCompressedSize?: number;
}

interface Headers {
  local: Buffer;
  central: Buffer;
}

/** The local and central headers of one entry whose body (`compressed` bytes) starts `offset` bytes into the zip. */
function headersOf(e: Omit<RawEntry, 'data'>, crc: number, dataLength: number, compressed: number, offset: number): Headers {
  const method = e.deflate === false ? 0 : 8;
  const name = Buffer.from(e.name, 'utf8');
  const size = e.declaredSize ?? dataLength;
  const flags = 0x800 | (e.encrypted ? 1 : 0);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(e.mode !== undefined ? (3 << 8) | 20 : 20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(e.declaredCompressedSize ?? compressed, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(e.centralExtra?.length ?? 0, 30);
  central.writeUInt32LE(e.mode !== undefined ? (e.mode << 16) >>> 0 : 0, 38);
  central.writeUInt32LE(offset, 42);
  return { local: Buffer.concat([local, name]), central: Buffer.concat([central, name, ...(e.centralExtra ? [e.centralExtra] : [])]) };
}

function endOfCentralDirectory(entries: number, cdLength: number, cdOffset: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries, 8);
  eocd.writeUInt16LE(entries, 10);
  eocd.writeUInt32LE(cdLength, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return eocd;
}

/** One entry as it sits in the zip: local header and body, and its central header. */
function entryAt(e: RawEntry, offset: number): { bytes: Buffer; central: Buffer } {
  const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
  const body = e.deflate === false ? data : deflateRawSync(data);
  const { local, central } = headersOf(e, crc32(data) >>> 0, data.length, body.length, offset);
  return { bytes: Buffer.concat([local, body]), central };
}

export function makeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { bytes, central } = entryAt(e, offset);
    locals.push(bytes);
    centrals.push(central);
    offset += bytes.length;
  }
  const cd = Buffer.concat(centrals);
  return Buffer.concat([...locals, cd, endOfCentralDirectory(entries.length, cd.length, offset)]);
}

/**
 * A zip at `path` whose first entry, deflated, is the text `pieces` yields, written as it is made, then `rest`.
 * A test can put a 50 MB entry in a zip while holding one piece of it: made whole, the text, its bytes and the
 * zip were near 200 MB at once, which a mocha worker would keep for the rest of the run.
 */
export async function writeZipOfPieces(path: string, name: string, pieces: Iterable<string>, rest: RawEntry[] = []): Promise<void> {
  const file = await open(path, 'w');
  try {
    const headerLength = 30 + Buffer.byteLength(name, 'utf8');
    let offset = headerLength;
    let crc = 0;
    let size = 0;
    const deflate = createDeflateRaw();
    const written = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        await file.write(chunk, 0, chunk.length, offset);
        offset += chunk.length;
      }
    })();
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    }
    deflate.end();
    await written;
    const first = headersOf({ name }, crc >>> 0, size, offset - headerLength, 0);
    await file.write(first.local, 0, first.local.length, 0);
    const centrals = [first.central];
    for (const e of rest) {
      const { bytes, central } = entryAt(e, offset);
      await file.write(bytes, 0, bytes.length, offset);
      offset += bytes.length;
      centrals.push(central);
    }
    const cd = Buffer.concat(centrals);
    const tail = Buffer.concat([cd, endOfCentralDirectory(centrals.length, cd.length, offset)]);
    await file.write(tail, 0, tail.length, offset);
  } finally {
    await file.close();
  }
}

export const MINIMAL_PACKAGE: RawEntry[] = [
  { name: 'mainTemplate.json', data: '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}' },
  { name: 'createUiDefinition.json', data: '{"$schema":"https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#","handler":"Microsoft.Azure.CreateUIDef","version":"0.1.2-preview","parameters":{"basics":[],"steps":[],"outputs":{"location":"[location()]"}}}' },
];
