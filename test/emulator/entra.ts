// The Microsoft Entra part of the emulator: OpenID discovery and the client-credentials token endpoint
// that MSAL (inside @azure/identity's EnvironmentCredential) talks to, and the JWTs it issues. Tokens are
// HS256-signed with a per-run secret; ARM checks signature, audience, tenant and expiry. Azurite checks
// issuer, audience and lifetime only, so the issuer has Entra's form (https://sts.windows.net/<tenant>/).

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface ServicePrincipal {
  clientId: string;
  clientSecret: string;
  objectId: string;
  /** Federated identity credentials: a workload's token from this issuer, with this subject and audience, signs in as the principal. */
  federated?: FederatedCredential[];
}

export interface FederatedCredential {
  issuer: string;
  subject: string;
  audience: string;
}

/** Claims an external identity provider (GitHub Actions, Azure DevOps) puts in the tokens it issues to workloads. */
export interface WorkloadClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  nbf?: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  appid: string;
  iat: number;
  nbf: number;
  exp: number;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class EntraEmulator {
  private readonly secret = randomBytes(32);
  readonly issued: TokenClaims[] = [];
  /** Issuers whose workload tokens this tenant trusts, each with the check of its signature (its published keys). */
  private readonly issuers = new Map<string, (jwt: string) => WorkloadClaims | undefined>();
  /** Token lifetime in seconds (tests shorten it to exercise refresh). */
  lifetimeSeconds = 3600;

  constructor(
    readonly tenant: string,
    private readonly principals: ServicePrincipal[],
  ) {}

  openIdConfiguration(base: string, flavour: 'entra' | 'adfs' = 'entra'): Record<string, unknown> {
    const t = `${base}/${this.tenant}`;
    if (flavour === 'adfs') {
      return { issuer: `${base}/adfs`, authorization_endpoint: `${base}/adfs/oauth2/authorize/`, token_endpoint: `${base}/adfs/oauth2/token/`, jwks_uri: `${base}/adfs/discovery/keys`, end_session_endpoint: `${base}/adfs/oauth2/logout` };
    }
    return {
      issuer: `${t}/v2.0`,
      authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
      token_endpoint: `${t}/oauth2/v2.0/token`,
      jwks_uri: `${t}/discovery/v2.0/keys`,
      end_session_endpoint: `${t}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'EU',
    };
  }

  trustIssuer(issuer: string, verify: (jwt: string) => WorkloadClaims | undefined): void {
    this.issuers.set(issuer, verify);
  }

  /** Why a client assertion (a workload's token) does not sign in as `sp`, or undefined when it does. */
  private refuseAssertion(sp: ServicePrincipal, assertion: string): string | undefined {
    let iss: string | undefined;
    try {
      iss = (JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: string }).iss;
    } catch {
      return 'AADSTS50027: JWT token is invalid or malformed.';
    }
    const verify = iss ? this.issuers.get(iss) : undefined;
    if (!verify) return `AADSTS700211: No matching federated identity record found for presented assertion issuer '${iss}'.`;
    const claims = verify(assertion);
    if (!claims) return 'AADSTS700212: The signature of the presented assertion does not verify with the issuer\'s keys.';
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp < now || (claims.nbf ?? 0) > now + 300) return 'AADSTS700024: Client assertion is not within its valid time range.';
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const match = (sp.federated ?? []).some((f) => f.issuer === claims.iss && f.subject === claims.sub && audiences.includes(f.audience));
    if (!match) return `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${claims.iss}'. Assertion Subject: '${claims.sub}'. Assertion Audience: '${audiences.join(',')}'.`;
    return undefined;
  }

  /** Answers a token request (form body): [status, JSON body], with AADSTS-style errors. */
  token(form: URLSearchParams): [number, Record<string, unknown>] {
    const error = (status: number, code: string, description: string) => [status, { error: code, error_description: description, error_codes: [Number(description.slice(6, 12)) || 0], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() }] as [number, Record<string, unknown>];
    if (form.get('grant_type') !== 'client_credentials') return error(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    const sp = this.principals.find((p) => p.clientId === form.get('client_id'));
    if (!sp) return error(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    const assertionType = form.get('client_assertion_type');
    if (assertionType !== null) {
      if (assertionType !== JWT_BEARER) return error(400, 'invalid_request', `AADSTS50027: client_assertion_type must be ${JWT_BEARER}.`);
      const refused = this.refuseAssertion(sp, form.get('client_assertion') ?? '');
      if (refused) return error(401, 'invalid_client', refused);
    } else {
      const given = Buffer.from(form.get('client_secret') ?? '');
      const expected = Buffer.from(sp.clientSecret);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return error(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
    const scope = form.get('scope') ?? '';
    // v2 clients ask for `<resource>/.default`; v1 and AD FS clients may name the resource instead.
    const resource = scope.split(' ').find((s) => s.endsWith('/.default')) ?? (form.get('resource') ? `${form.get('resource')!.replace(/\/+$/, '')}/.default` : undefined);
    if (!resource) return error(400, 'invalid_scope', `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
    const now = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = { aud: resource.slice(0, -'/.default'.length), iss: `https://sts.windows.net/${this.tenant}/`, tid: this.tenant, oid: sp.objectId, appid: sp.clientId, iat: now, nbf: now - 60, exp: now + this.lifetimeSeconds };
    this.issued.push(claims);
    return [200, { token_type: 'Bearer', expires_in: this.lifetimeSeconds, ext_expires_in: this.lifetimeSeconds, access_token: this.sign(claims) }];
  }

  sign(claims: TokenClaims): string {
    const head = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }))}.${b64url(JSON.stringify(claims))}`;
    return `${head}.${b64url(createHmac('sha256', this.secret).update(head).digest())}`;
  }

  /** The claims of a bearer token this emulator issued for `audience`, or why it is refused. */
  verify(authorization: string | undefined, audience: string): { claims: TokenClaims } | { code: string; message: string } {
    if (!authorization) return { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." };
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization);
    if (!m) return { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is provided in an invalid format." };
    const sig = createHmac('sha256', this.secret).update(`${m[1]}.${m[2]}`).digest();
    const given = Buffer.from(m[3], 'base64url');
    if (given.length !== sig.length || !timingSafeEqual(given, sig)) return { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
    const claims = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as TokenClaims;
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp < now) return { code: 'ExpiredAuthenticationToken', message: 'The access token expiry UTC time is earlier than current UTC time.' };
    const norm = (s: string) => s.replace(/\/+$/, '').toLowerCase();
    if (norm(claims.aud) !== norm(audience)) return { code: 'InvalidAuthenticationTokenAudience', message: `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${audience}/'.` };
    if (claims.tid !== this.tenant) return { code: 'InvalidAuthenticationTokenTenant', message: `The access token is from the wrong issuer '${claims.iss}'.` };
    return { claims };
  }
}
