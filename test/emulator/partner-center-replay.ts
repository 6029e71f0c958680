// Partner Center as a recording remembers it: over HTTPS on 127.0.0.1, every request is answered with the
// recorded answer of the exchange the test is at — the same status and body, and the etag header the body
// names — and what arrived is kept, so a test can check the client sent what the recording says it sent. A
// request that is not the expected one gets a 599 naming the difference (the client then fails loudly).

import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RecordedExchange } from '../../scripts/partner-center-recording.js';
import type { TestCertificate } from './certificate.js';
import { reply } from './http-reply.js';

const API = '/v1.0/ingestion';

export interface ReceivedRequest {
  method: string;
  path: string;
  body?: unknown;
  authorization?: string;
}

export class PartnerCenterReplay {
  /** The exchange being replayed (set by the test before the client sends it). */
  expected?: RecordedExchange;
  readonly received: ReceivedRequest[] = [];
  private server?: Server;

  constructor(private readonly cert: TestCertificate) {}

  async start(): Promise<string> {
    this.server = createServer({ cert: this.cert.certPem, key: this.cert.keyPem }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        const path = (req.url ?? '').startsWith(API) ? (req.url ?? '').slice(API.length) : (req.url ?? '');
        const method = req.method ?? 'GET';
        this.received.push({ method, path, ...(body !== undefined ? { body } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        const x = this.expected;
        if (x?.method !== method || x.path !== path) {
          reply(res, 599, {}, { error: { code: 'ReplayMismatch', message: `expected ${x ? `${x.method} ${x.path}` : 'no request'}, got ${method} ${path}` } });
          return;
        }
        const etag = x.response && typeof x.response === 'object' ? (x.response as Record<string, unknown>)['@odata.etag'] : undefined;
        reply(res, x.status, typeof etag === 'string' ? { etag } : {}, x.response);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}${API}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
