// A zip reader for untrusted packages: parses the central directory itself (so every odd entry can be
// reported rather than aborting), never writes anything to disk, and inflates each entry with a hard
// output bound and a CRC check.

import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Raw name bytes were not valid UTF-8 (and the UTF-8 flag was not set). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  flags: number;
  /** Unix mode when the archive was made on a Unix host, else undefined. */
  unixMode?: number;
  externalAttributes: number;
  madeBy: number;
  localHeaderOffset: number;
  index: number;
  /**
   * What the central directory says about this entry that cannot be true (an extra field longer than the
   * entry's extra data, a zip64 size that is missing, sizes no deflate stream or file could have): the entry
   * is damaged, and that is what a reader should say, rather than a size limit it seems to pass.
   */
  damage?: string;
}

/**
 * Deflate's limit: one length/distance pair (two bits at least) gives at most 258 bytes, so no stream inflates
 * to more than 1032 times its size (zlib's "Technical Details", zlib.org/zlib_tech.html: "the theoretical
 * limit for the zlib format ... is 1032:1"). A little is added for block headers.
 */
const DEFLATE_MAX_RATIO = 1032;

export class ZipFormatError extends Error {}

const EOCD_SIG = 0x06054b50;
const ZIP64_EOCD_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function centralDirectory(buf: Buffer, maxEntries: number): ZipEntry[] {
  if (buf.length < 22) throw new ZipFormatError('The file is too short to be a zip archive.');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('No end-of-central-directory record: the file is not a zip archive or is truncated.');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_EOCD_LOCATOR_SIG) throw new ZipFormatError('Zip64 archive without a zip64 locator.');
    const z = Number(buf.readBigUInt64LE(loc + 8));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== ZIP64_EOCD_SIG) throw new ZipFormatError('Damaged zip64 end-of-central-directory record.');
    count = Number(buf.readBigUInt64LE(z + 32));
    cdSize = Number(buf.readBigUInt64LE(z + 40));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (count > maxEntries) throw new ZipFormatError(`The archive declares ${count} entries; at most ${maxEntries} are accepted.`);
  if (cdOffset + cdSize > buf.length) throw new ZipFormatError('The central directory lies beyond the end of the file (truncated archive).');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw new ZipFormatError(`Central directory entry ${i + 1} is damaged.`);
    const madeBy = buf.readUInt16LE(p + 4);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const externalAttributes = buf.readUInt32LE(p + 38);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    // Zip64 extended information: sizes and offset that overflowed 32 bits.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    let damage: string | undefined;
    const marked = { uncompressed: uncompressedSize === 0xffffffff, compressed: compressedSize === 0xffffffff, offset: localHeaderOffset === 0xffffffff };
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (e + 4 + size > extraEnd) {
        damage ??= `has an extra field (0x${id.toString(16).padStart(4, '0')}) that claims ${size} bytes where only ${extraEnd - e - 4} of the entry's extra data follow`;
        break;
      }
      if (id === 0x0001) {
        let q = e + 4;
        if (marked.uncompressed && q + 8 <= e + 4 + size) { uncompressedSize = Number(buf.readBigUInt64LE(q)); q += 8; marked.uncompressed = false; }
        if (marked.compressed && q + 8 <= e + 4 + size) { compressedSize = Number(buf.readBigUInt64LE(q)); q += 8; marked.compressed = false; }
        if (marked.offset && q + 8 <= e + 4 + size) { localHeaderOffset = Number(buf.readBigUInt64LE(q)); marked.offset = false; }
      }
      e += 4 + size;
    }
    if (marked.uncompressed || marked.compressed || marked.offset) damage ??= 'marks a size or offset as kept in a zip64 extra field that is missing or too short';
    else if (compressedSize > buf.length) damage ??= `declares ${compressedSize} bytes of compressed data in an archive of ${buf.length} bytes`;
    else if (method === 0 && !(flags & 0x1) && compressedSize !== uncompressedSize) damage ??= `is stored uncompressed but declares ${compressedSize} bytes stored and ${uncompressedSize} bytes uncompressed`;
    else if (method === 8 && uncompressedSize > compressedSize * DEFLATE_MAX_RATIO + 1024) damage ??= `declares ${uncompressedSize} bytes uncompressed from ${compressedSize} compressed, more than deflate can make (at most ${DEFLATE_MAX_RATIO} to 1)`;
    const host = madeBy >> 8;
    entries.push({
      name, method, compressedSize, uncompressedSize, crc, flags, externalAttributes, madeBy, localHeaderOffset, index: i, ...(damage ? { damage } : {}),
      ...(host === 3 ? { unixMode: externalAttributes >>> 16 } : {}),
    });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** The entry's bytes, inflated with a bound; throws ZipFormatError on damage, bombs or bad CRC. */
function entryBytes(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.flags & 0x1) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported.`);
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC_SIG) throw new ZipFormatError(`${entry.name}: local header is damaged.`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError(`${entry.name}: data runs past the end of the file (truncated archive).`);
  if (entry.uncompressedSize > maxBytes) throw new ZipFormatError(`${entry.name}: ${entry.uncompressedSize} bytes uncompressed is over the ${maxBytes}-byte limit.`);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) {
    data = Buffer.from(raw);
  } else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(maxBytes, entry.uncompressedSize + 1)) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|buffer/i.test((e as Error).message)) {
        throw new ZipFormatError(`${entry.name}: inflates to more than its declared ${entry.uncompressedSize} bytes (a zip bomb or a damaged archive).`);
      }
      throw new ZipFormatError(`${entry.name}: compressed data is damaged (${(e as Error).message}).`);
    }
  } else {
    throw new ZipFormatError(`${entry.name}: compression method ${entry.method} is not supported (use deflate or store).`);
  }
  if (data.length !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name}: ${data.length} bytes inflated, ${entry.uncompressedSize} declared.`);
  if ((crc32(data) >>> 0) !== entry.crc) throw new ZipFormatError(`${entry.name}: CRC mismatch, the data is damaged.`);
  return data;
}

/**
 * Any structural lie of an archive (a size, offset, count or extra field pointing outside the file) is a
 * ZipFormatError, never a RangeError from reading past a buffer.
 */
function structural<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ZipFormatError) throw e;
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_OUT_OF_RANGE' || (e as { code?: string }).code === 'ERR_BUFFER_OUT_OF_BOUNDS') {
      throw new ZipFormatError(`${what} is damaged: one of its sizes, offsets or counts points outside the file.`);
    }
    throw e;
  }
}

/** The entries of the central directory; throws ZipFormatError on any damage. */
export function readCentralDirectory(buf: Buffer, maxEntries = 10000): ZipEntry[] {
  return structural('The zip archive', () => centralDirectory(buf, maxEntries));
}

/** The entry's bytes, inflated with a bound; throws ZipFormatError on damage, bombs or bad CRC. */
export function readEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  return structural(`Entry ${entry.name}`, () => entryBytes(buf, entry, maxBytes));
}
