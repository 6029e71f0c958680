// A test file of tens of megabytes written piece by piece: `before`, then `unit` `times` times (joined by
// `separator`), then `after`. Built as one string, such a file held a mocha worker at 400 MB for the rest of the
// run (V8 keeps the memory of a worker's largest moment); written in pieces, the worker never holds more than one.

import { open } from 'node:fs/promises';

export async function writeRepeated(path: string, parts: { before: string; unit: string; times: number; separator?: string; after: string }): Promise<number> {
  const file = await open(path, 'w');
  let bytes = 0;
  const put = async (text: string) => {
    bytes += (await file.write(text)).bytesWritten;
  };
  try {
    await put(parts.before);
    const batch = Math.max(1, Math.floor((1024 * 1024) / (parts.unit.length + (parts.separator ?? '').length)));
    for (let done = 0; done < parts.times; done += batch) {
      const n = Math.min(batch, parts.times - done);
      await put((done > 0 ? (parts.separator ?? '') : '') + new Array<string>(n).fill(parts.unit).join(parts.separator ?? ''));
    }
    await put(parts.after);
  } finally {
    await file.close();
  }
  return bytes;
}
