// An HTTPS reverse proxy in front of Azurite that can fail chosen requests (429 + Retry-After, 5xx, a dropped
// connection, a slow answer) before passing the rest through unchanged. Azurite itself has no fault switch;
// this gives the storage steps the same fault matrix as the ARM emulator.

import { request } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './certificate.js';
import { FaultPlan } from './faults.js';

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
}

export class FaultProxy {
  readonly faults = new FaultPlan();
  readonly requests: ProxiedRequest[] = [];
  private server?: Server;
  url = '';

  constructor(
    private readonly upstream: string,
    private readonly cert: TestCertificate,
  ) {}

  async start(): Promise<string> {
    const up = new URL(this.upstream);
    this.server = createServer({ cert: this.cert.certPem, key: this.cert.keyPem }, (req, res) => {
      this.forward(req, res, up).catch(() => res.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  private async forward(req: IncomingMessage, res: ServerResponse, up: URL): Promise<void> {
    res.on('error', () => undefined);
    if (await this.faults.apply(req, res, 'storage')) {
      this.requests.push({ method: req.method ?? '', path: req.url ?? '', status: res.headersSent ? res.statusCode : 0 });
      return;
    }
    const forward = request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host }, ca: this.cert.certPem },
      (upRes) => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', status: upRes.statusCode ?? 0 });
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
