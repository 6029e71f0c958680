// A stand-in for the Azure CLI (`az`), for the few commands CI sign-in uses: `az login --service-principal
// --federated-token` (what azure/login and AzureCLI@2 run with a federated credential), `az account set|show`,
// and `az account get-access-token` (what @azure/identity's AzureCliCredential, inside DefaultAzureCredential,
// runs). Like the real CLI it exchanges the workload's token at Entra's token endpoint — here the emulator's,
// named by OFFERKIT_TEST_AZ_AUTHORITY — at login and again for every access token, and keeps its session in
// AZURE_CONFIG_DIR. Anything else exits 2, so a recipe relying on more of the CLI fails its test.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

interface Session {
  tenant: string;
  clientId: string;
  assertion: string;
  subscription?: string;
}

const configDir = process.env.AZURE_CONFIG_DIR ?? join(process.env.HOME ?? '.', '.azure');
const sessionFile = join(configDir, 'offerkit-test-session.json');

function option(args: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) if (names.includes(args[i])) return args[i + 1];
  return undefined;
}

function readSession(): Session | undefined {
  try {
    return JSON.parse(readFileSync(sessionFile, 'utf8')) as Session;
  } catch {
    return undefined;
  }
}

function exchange(s: Session, scope: string): Promise<{ access_token: string; expires_in: number }> {
  const authority = process.env.OFFERKIT_TEST_AZ_AUTHORITY;
  if (!authority) throw new Error('OFFERKIT_TEST_AZ_AUTHORITY is not set');
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: s.clientId,
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: s.assertion,
  }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${authority}/${s.tenant}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token?: string; expires_in?: number; error_description?: string };
        if (res.statusCode === 200 && json.access_token) resolve({ access_token: json.access_token, expires_in: json.expires_in ?? 3600 });
        else reject(new Error(json.error_description ?? `token endpoint answered ${res.statusCode}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(args: string[]): Promise<number> {
  const [group, verb] = args;
  if (group === '--version') {
    process.stdout.write('azure-cli 2.67.0 (offerkit test stand-in)\n');
    return 0;
  }
  if (group === 'login') {
    const clientId = option(args, '-u', '--username');
    const tenant = option(args, '-t', '--tenant');
    const assertion = option(args, '--federated-token');
    if (!args.includes('--service-principal') || !clientId || !tenant || !assertion) {
      process.stderr.write('ERROR: the stand-in signs in only with --service-principal -u <client id> --tenant <tenant> --federated-token <token>\n');
      return 2;
    }
    const s: Session = { tenant, clientId, assertion };
    await exchange(s, `${process.env.OFFERKIT_TEST_AZ_ARM ?? 'https://management.azure.com'}/.default`);
    mkdirSync(configDir, { recursive: true });
    writeFileSync(sessionFile, JSON.stringify(s));
    process.stdout.write(`${JSON.stringify([{ cloudName: 'AzureCloud', tenantId: tenant, user: { name: clientId, type: 'servicePrincipal' } }], null, 2)}\n`);
    return 0;
  }
  const s = readSession();
  if (group === 'account' && (verb === 'set' || verb === 'show' || verb === 'get-access-token') && !s) {
    process.stderr.write("ERROR: Please run 'az login' to setup account.\n");
    return 1;
  }
  if (group === 'account' && verb === 'set') {
    const subscription = option(args, '-s', '--subscription', '--name', '-n');
    if (!subscription) return 2;
    writeFileSync(sessionFile, JSON.stringify({ ...s, subscription }));
    return 0;
  }
  if (group === 'account' && verb === 'show') {
    const account = { id: s!.subscription ?? '', tenantId: s!.tenant, user: { name: s!.clientId, type: 'servicePrincipal' } };
    const query = option(args, '--query');
    const tsv = option(args, '-o', '--output') === 'tsv';
    const value = query === 'id' ? account.id : query === 'tenantId' ? account.tenantId : query ? undefined : account;
    if (value === undefined) return 2;
    process.stdout.write(`${tsv && typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
    return 0;
  }
  if (group === 'account' && verb === 'get-access-token') {
    const resource = option(args, '--resource') ?? option(args, '--scope')?.replace(/\/\.default$/, '');
    const tenant = option(args, '--tenant');
    if (!resource) return 2;
    if (tenant && tenant !== s!.tenant) {
      process.stderr.write(`ERROR: tenant ${tenant} is not the tenant signed in to.\n`);
      return 1;
    }
    const t = await exchange(s!, `${resource.replace(/\/+$/, '')}/.default`);
    const expiresOn = Math.floor(Date.now() / 1000) + t.expires_in;
    process.stdout.write(`${JSON.stringify({ accessToken: t.access_token, expiresOn: new Date(expiresOn * 1000).toISOString().replace('T', ' ').replace('Z', ''), expires_on: expiresOn, subscription: s!.subscription ?? '', tenant: s!.tenant, tokenType: 'Bearer' }, null, 2)}\n`);
    return 0;
  }
  process.stderr.write(`ERROR: the test stand-in for az does not do: az ${args.join(' ')}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ERROR: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
