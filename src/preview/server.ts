// The local preview server: 127.0.0.1 only, a fixed set of pages rendered afresh on every request (so edits
// to the offer show on reload), nothing else served. Paths that try to leave the site, other hosts in the
// Host header (DNS rebinding) and methods other than GET/HEAD are refused.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { usageError } from '../diagnostics.js';
import { contentSecurityPolicy } from './page-layout.js';
import { renderPreviewSite } from './site.js';

export interface PreviewServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The page path a request names, or why it is refused. */
export function pagePath(rawUrl: string): { path: string } | { status: 400 | 404; reason: string } {
  const pathname = rawUrl.split(/[?#]/)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((s) => s === '..' || s === '.')) return { status: 400, reason: 'path outside the preview' };
  if (decoded === '/' || decoded === '') return { path: 'index.html' };
  return { path: decoded.replace(/^\/+/, '') };
}

export async function startPreviewServer(offerDir: string, options: { port?: number; plan?: string; onError?: (e: Error) => void } = {}): Promise<PreviewServer> {
  let port = 0;
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': `${contentSecurityPolicy()}; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'This preview answers only to 127.0.0.1 and localhost.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Only GET and HEAD.\n');
    const target = pagePath(req.url ?? '/');
    if ('status' in target) return send(res, target.status, `${target.reason}\n`);
    const site = await renderPreviewSite(offerDir, options.plan ? { plan: options.plan } : {});
    const page = site.pages.get(target.path);
    if (!page) return send(res, 404, `No page ${target.path} in this preview. Pages: ${[...site.pages.keys()].join(', ')}\n`);
    send(res, 200, req.method === 'HEAD' ? '' : page, 'text/html; charset=utf-8');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      options.onError?.(e);
      if (!res.headersSent) send(res, 500, `The preview could not be rendered: ${e.message}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? usageError(`Port ${options.port} on 127.0.0.1 is ${e.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}.`, 'Choose another --port, or leave it out for a free one.') : e));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
