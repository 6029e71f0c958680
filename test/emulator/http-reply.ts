// How the emulators answer: a JSON body with its content type, or headers alone.

import type { ServerResponse } from 'node:http';

export function reply(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown): void {
  if (body !== undefined) {
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  } else {
    res.writeHead(status, headers);
    res.end();
  }
}
