// Faults the test servers can inject before answering a request: throttling with Retry-After, server
// errors, a dropped connection, or a response slower than the client's timeout. Rules match by method
// and path and fire a set number of times, so a test says exactly which attempt of which call fails.

import type { IncomingMessage, ServerResponse } from 'node:http';

export type Fault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  | { kind: 'drop' }
  | { kind: 'slow'; delayMs: number }
  /** The request is carried out, then the connection drops before the answer (a server that supports it checks LOSE_ANSWER). */
  | { kind: 'lose-answer' };

/** Set on a request whose answer must be lost after it is carried out. */
export const LOSE_ANSWER = Symbol('offerkit-lose-answer');

export interface FaultRule {
  method?: string;
  /** Tested against the path and query of the request. */
  path: RegExp;
  /** How many matching requests the fault applies to; later ones pass. */
  times: number;
  fault: Fault;
}

export interface FaultHit {
  method: string;
  path: string;
  fault: Fault;
}

const ERROR_CODES: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'The request is being throttled as the limit has been reached for this operation type.'],
  500: ['InternalServerError', 'Encountered an internal server error.'],
  502: ['BadGateway', 'The gateway did not receive a response from the service in time.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Retry the request later.'],
};

export class FaultPlan {
  private rules: (FaultRule & { left: number })[] = [];
  readonly hits: FaultHit[] = [];

  add(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule still has firings left (it is consumed). */
  take(method: string, path: string): Fault | undefined {
    for (const r of this.rules) {
      if (r.left > 0 && (!r.method || r.method === method) && r.path.test(path)) {
        r.left--;
        this.hits.push({ method, path, fault: r.fault });
        return r.fault;
      }
    }
    return undefined;
  }

  /**
   * Applies the request's fault, if any. Returns true when the request was fully handled (answered with
   * an error or dropped); a slow fault delays and returns false so the request is then served normally.
   */
  async apply(req: IncomingMessage, res: ServerResponse, dialect: 'arm' | 'storage'): Promise<boolean> {
    const fault = this.take(req.method ?? 'GET', req.url ?? '/');
    if (!fault) return false;
    if (fault.kind === 'drop') {
      req.socket.destroy();
      return true;
    }
    if (fault.kind === 'lose-answer') {
      (req as { [LOSE_ANSWER]?: boolean })[LOSE_ANSWER] = true;
      return false;
    }
    if (fault.kind === 'slow') {
      // The request is still carried out after the delay, as a slow service would (the client may have
      // given up and retried by then: the retry must cope with the first attempt having taken effect).
      await new Promise((r) => setTimeout(r, fault.delayMs));
      return false;
    }
    const [armCode, message] = ERROR_CODES[fault.status];
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (dialect === 'arm') {
      res.writeHead(fault.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'x-ms-failure-cause': 'gateway' });
      res.end(JSON.stringify({ error: { code: armCode, message } }));
    } else {
      // Azure Storage answers in XML, with its own error codes.
      const code = fault.status === 503 || fault.status === 429 ? 'ServerBusy' : 'InternalError';
      res.writeHead(fault.status, { ...headers, 'content-type': 'application/xml', 'x-ms-error-code': code });
      res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    }
    return true;
  }
}
