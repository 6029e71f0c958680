// Redaction by value and by unambiguous secret shape only: what offerkit prints keeps every word of prose (a
// finding about a control named "password"), and loses every SAS signature, account key, bearer token, JWT
// and OAuth client secret.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redact } from '../../src/util/redact.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('redaction: secret shapes, never words', () => {
  const kept: string[] = [
    'Password box "password": the regex allows passwords shorter than 12 characters (minimum 8).',
    'password: the form asks for one; clientSecret: see the docs; accountKey = the key of the account',
    'servicePrincipalKey: "[basics(\'key\')]" is passed to the template',
    '{"password": "[parameters(\'adminPassword\')]"}',
    'a sig= in prose, and a signature of the author',
  ];
  for (const text of kept) it(`keeps prose: ${text}`, () => assert.equal(redact(text), text));

  const removed: [string, string][] = [
    ['https://a.blob.core.windows.net/c/app.zip?sv=2024-01-01&sig=AbC%2Fd%3D%3D&se=x', 'https://a.blob.core.windows.net/c/app.zip?sv=2024-01-01&sig=***&se=x'],
    ['DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFyYmF6==;EndpointSuffix=core.windows.net', 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;EndpointSuffix=core.windows.net'],
    ['Endpoint=sb://x/;SharedAccessSignature=SharedAccessSignature sr=x', 'Endpoint=sb://x/;SharedAccessSignature=*** sr=x'],
    ['Authorization: Bearer abc.DEF-123_~+/==', 'Authorization: Bearer ***'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-part_1 end', 'token *** end'],
    ['POST /token grant_type=client_credentials&client_secret=s3cr3t~value&scope=x', 'POST /token grant_type=client_credentials&client_secret=***&scope=x'],
  ];
  for (const [text, expected] of removed) it(`removes: ${expected}`, () => assert.equal(redact(text), expected));
});

describe('redaction: offerkit validate prints findings about a "password" control as written', function () {
  this.timeout(60000);
  it('the password box finding keeps "the regex allows"', async () => {
    const file = join(await tempDir('offerkit-redact-'), 'createUiDefinition.json');
    await writeFile(file, JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/0.1.2-preview/CreateUIDefinition.MultiVm.json#',
      handler: 'Microsoft.Azure.CreateUIDef',
      version: '0.1.2-preview',
      parameters: {
        basics: [{ name: 'password', type: 'Microsoft.Common.PasswordBox', label: { password: 'Password', confirmPassword: 'Again' }, constraints: { required: true, regex: '^.{8,}$', validationMessage: 'Eight or more.' } }],
        steps: [],
        outputs: { location: '[location()]', password: "[basics('password')]" },
      },
    }, null, 2));
    const r = await runCli(['validate', file]);
    assert.match(r.stdout, /Password box "password": the regex allows passwords shorter than 12 characters/, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /\*\*\*/);
  });
});
