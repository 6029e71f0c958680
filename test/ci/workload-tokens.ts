// The identity providers of CI systems, as a workload sees them: GitHub Actions hands a job an OpenID Connect
// token from ACTIONS_ID_TOKEN_REQUEST_URL (bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, ?audience=…); Azure DevOps
// hands one to a task for a service connection (POST …/oidctoken with the job's access token). Both are signed
// JWTs with iss/sub/aud that Microsoft Entra matches against a federated credential. Served on loopback; the
// Entra emulator trusts these issuers through `verify`.

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkloadClaims } from '../emulator/entra.js';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class WorkloadIssuer {
  private readonly secret = randomBytes(32);
  constructor(readonly issuer: string) {}

  issue(subject: string, audience: string, lifetimeSeconds = 300): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: WorkloadClaims & { iat: number; jti: string } = { iss: this.issuer, sub: subject, aud: audience, iat: now, nbf: now - 5, exp: now + lifetimeSeconds, jti: randomUUID() };
    const head = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'test' }))}.${b64url(JSON.stringify(claims))}`;
    return `${head}.${b64url(createHmac('sha256', this.secret).update(head).digest())}`;
  }

  verify = (jwt: string): WorkloadClaims | undefined => {
    const [h, p, sig] = jwt.split('.');
    if (!h || !p || !sig) return undefined;
    const expected = createHmac('sha256', this.secret).update(`${h}.${p}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as WorkloadClaims;
  };
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const ENTRA_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** One job's token endpoints: GitHub's (per job, for its `subject`) and Azure DevOps' (per service connection). */
export class WorkloadTokenService {
  readonly github = new WorkloadIssuer(GITHUB_ISSUER);
  readonly azureDevOps: WorkloadIssuer;
  readonly requestToken = randomBytes(24).toString('hex');
  /** The subject GitHub puts in this job's tokens, e.g. repo:contoso/offers:ref:refs/tags/v1.2.0. */
  githubSubject = '';
  /** Service connection id → subject Azure DevOps puts in its tokens (sc://org/project/connection). */
  readonly connections = new Map<string, string>();
  private server?: Server;
  private base = '';

  constructor(readonly azureDevOpsOrganizationId = randomUUID()) {
    this.azureDevOps = new WorkloadIssuer(`https://vstoken.dev.azure.com/${azureDevOpsOrganizationId}`);
  }

  /** ACTIONS_ID_TOKEN_REQUEST_URL for the job. */
  get githubRequestUrl(): string {
    return `${this.base}/github/idtoken?api-version=2.0`;
  }

  /** The Azure DevOps OIDC token endpoint for a service connection. */
  azureDevOpsTokenUrl(connectionId: string): string {
    return `${this.base}/ado/oidctoken?serviceConnectionId=${encodeURIComponent(connectionId)}&api-version=7.1-preview.1`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.base);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${this.requestToken}`) return send(401, { message: 'Bad credentials' });
      if (req.method === 'GET' && url.pathname === '/github/idtoken') {
        if (!this.githubSubject) return send(403, { message: 'The job has no id-token: write permission.' });
        return send(200, { value: this.github.issue(this.githubSubject, url.searchParams.get('audience') ?? GITHUB_ISSUER) });
      }
      if (req.method === 'POST' && url.pathname === '/ado/oidctoken') {
        const subject = this.connections.get(url.searchParams.get('serviceConnectionId') ?? '');
        if (!subject) return send(404, { message: 'No such service connection.' });
        return send(200, { oidcToken: this.azureDevOps.issue(subject, ENTRA_EXCHANGE_AUDIENCE) });
      }
      send(404, { message: 'Not found' });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
