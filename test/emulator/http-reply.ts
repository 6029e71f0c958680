// How the emulators answer: a JSON body with its content type, raw bytes (a blob), or headers alone.

import type { ServerResponse } from 'node:http';

export function reply(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  if (Buffer.isBuffer(body)) {
    res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers, 'content-length': String(body.length) });
    res.end(body);
  } else if (body !== undefined) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  } else {
    res.writeHead(status, headers);
    res.end();
  }
}
