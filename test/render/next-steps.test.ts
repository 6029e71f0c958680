// The customer's next steps after installation: one model, said the same way in the README, the managed
// application's Overview and the listing; the Data Connect values are the consent step's own.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOfferPipeline, type PipelinePlan } from '../../src/pipeline/offer-pipeline.js';
import { consentTexts } from '../../src/package-model/consent-text.js';
import { underHeading } from '../../src/render/customer-readme.js';
import { listingDescription } from '../../src/render/listing.js';
import { copyExampleOffer, copyTemplateSet, EXAMPLE_OFFER, tempDir } from '../helpers/cli.js';
import { BASE_OFFER, lineOf, minimalOffer, replaceOnce, writeOffer } from '../helpers/offer-fixture.js';

const headings = (md: string) => {
  let fence = false;
  return md.split('\n').filter((l) => {
    if (/^(```|~~~)/.test(l)) fence = !fence;
    return !fence && /^#{1,6}\s/.test(l);
  });
};
const section = (md: string, title: string) => {
  const start = md.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `no "## ${title}" section`);
  const end = md.indexOf('\n## ', start + 4);
  return md.slice(start, end < 0 ? undefined : end);
};
const overview = (p: PipelinePlan) => (JSON.parse(p.files.get('viewDefinition.json')!.toString('utf8')) as { views: { kind: string; properties: { description: string } }[] }).views.find((v) => v.kind === 'Overview')!.properties.description;

describe('next steps after installation', () => {
  it('every plan of the example: README sections, one title, the consent values, the deployed names', async () => {
    const r = await runOfferPipeline(EXAMPLE_OFFER);
    assert.equal(r.rendered.length, 3);
    // The Overview with the steps is still a valid viewDefinition (the schema rule ran on every plan).
    assert.deepEqual(r.diagnostics.filter((d) => /viewdefinition/i.test(d.code) && d.severity !== 'info'), []);
    assert.ok(r.diagnostics.every((d) => d.severity !== 'error'), JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error')));
    for (const p of r.rendered) {
      const md = p.readme!;
      const titles = headings(md).filter((h) => h.startsWith('# '));
      assert.deepEqual(titles, [`# ${r.offer!.displayName} — ${p.plan.displayName}`], 'one # title: the terms are under their own heading');
      const after = section(md, 'After installation');
      for (const step of ['Turn on Microsoft Graph Data Connect', 'Register the application with Microsoft Graph Data Connect', 'Have a global administrator approve the registration', 'See the first copy']) assert.match(after, new RegExp(step));
      // The registration asks for exactly what the consent step shows, dataset by dataset.
      for (const rd of r.offer!.requiredData) {
        const t = consentTexts(rd);
        assert.ok(after.includes(`Columns of ${rd.dataset.name}: ${rd.columns.map((c) => c.name).join(', ')}`), `${p.plan.id}: columns of ${rd.dataset.name}`);
        assert.ok(after.includes(`Users of ${rd.dataset.name}: ${t.users.replace(/^Users: /, '')}`), `${p.plan.id}: users of ${rd.dataset.name}`);
        assert.ok(after.includes(`Date window of ${rd.dataset.name}: ${t.dateWindow.replace(/^Date window: /, '')}`), `${p.plan.id}: date window of ${rd.dataset.name}`);
      }
      // The deployed names come from the outputs the template set declares, which the template has.
      const main = JSON.parse(p.files.get('mainTemplate.json')!.toString('utf8')) as { outputs: Record<string, unknown> };
      for (const output of ['storageAccountName', 'dataFactoryName', 'container']) {
        assert.ok(after.includes(`\`${output}\``), `${p.plan.id}: README names output ${output}`);
        assert.ok(output in main.outputs, `mainTemplate.json outputs ${output}`);
        assert.ok(overview(p).includes(`output ${output}`), `${p.plan.id}: Overview names output ${output}`);
      }
      assert.match(after, new RegExp(`Container: ${r.offer!.sink.container}`));
      const stop = section(md, 'Stopping and uninstalling');
      assert.match(stop, /Stop the copies without uninstalling/);
      assert.match(stop, /Not deleted: the Microsoft Entra application, its Data Connect registration/);
      const retention = p.plan.inputs.retentionDays;
      if (typeof retention === 'number') assert.match(stop, new RegExp(`until it is ${retention} days old`));
      assert.match(overview(p), /^After installation:$/m);
      assert.match(overview(p), /^Microsoft 365 admin center: https:\/\/admin\.microsoft\.com$/m);
      assert.ok(md.indexOf('## After installation') < md.indexOf('## Terms of service'), 'the steps come before the terms');
    }
    const listing = listingDescription(r.offer!);
    assert.match(listing, /<h2>After you install<\/h2>\n<ol><li>Turn on Microsoft Graph Data Connect for your tenant<\/li>/);
  });

  it('a template set without Data Connect says only what applies to it', async () => {
    const dir = await writeOffer(minimalOffer());
    const r = await runOfferPipeline(dir);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const md = r.rendered[0].readme!;
    const after = section(md, 'After installation');
    assert.match(after, /Find what was deployed/);
    assert.doesNotMatch(md, /Data Connect|global administrator/);
    assert.match(section(md, 'Stopping and uninstalling'), /Nothing outside the managed resource group is created/);
  });

  it('an output the template set names for the steps must exist in the template it renders', async () => {
    const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    await copyTemplateSet('mgdc-adf', join(offer, 'tpl'));
    const manifest = join(offer, 'tpl', 'templateset.yaml');
    await writeFile(manifest, replaceOnce(await readFile(manifest, 'utf8'), '    dataFactory: dataFactoryName', '    dataFactory: factoryNameTypo'));
    const yaml = join(offer, 'offer.yaml');
    await writeFile(yaml, replaceOnce(await readFile(yaml, 'utf8'), '  set: mgdc-adf', '  path: tpl'));
    const r = await runOfferPipeline(offer);
    const d = r.diagnostics.filter((x) => x.code === 'template-set-missing-output');
    assert.equal(d.length, 1, JSON.stringify(r.diagnostics.map((x) => x.code)));
    assert.match(d[0].message, /names the output "factoryNameTypo" as the dataFactory .* has no such output/);
    assert.match(d[0].file!, /tpl\/templateset\.yaml$/);
    assert.match(d[0].hint!, /dataFactoryName/);
  });

  it('terms keep their own structure, one level under their heading; fenced code is left alone', () => {
    assert.equal(underHeading('# Terms\n\n## 1. Use\n\n```\n# not a heading\n```\n###### deep', 2), '### Terms\n\n#### 1. Use\n\n```\n# not a heading\n```\n###### deep');
  });

  it('the fixture offer with one dataset gets the steps too', async () => {
    const r = await runOfferPipeline(await writeOffer(BASE_OFFER));
    const after = section(r.rendered[0].readme!, 'After installation');
    assert.match(after, /Columns of BasicDataSet_v0\.Message_v1: id, sender, receivedDateTime/);
    assert.match(after, /Date window of BasicDataSet_v0\.Message_v1: items whose receivedDateTime is within the last 7 days before each run/);
  });
});

describe('the Data Connect registration sheet and where the copy may run', () => {
  it('every value the portal\'s registration asks for, in the README and the Overview (the preview says the same model)', async () => {
    const r = await runOfferPipeline(EXAMPLE_OFFER);
    const p = r.rendered[0];
    const after = section(p.readme!, 'After installation');
    const sheet = [
      'Application ID: the application (client) ID entered during installation',
      'Description: Contoso Mail Insights by Contoso Analytics Ltd',
      'Publish type: Single-tenant (the application is registered in your own tenant)',
      'Compute type: Azure Data Factory',
      'Activity type: Copy activity',
      'Subscription: the subscription you installed into',
      'Resource group: the managed resource group of this application',
      'Destination type: Azure Storage Account',
      'Storage account URI: Data Lake Storage Gen2 (DFS) URI, https://<storage account>.dfs.core.windows.net/, as the copy\'s linked service uses',
    ];
    for (const line of sheet) {
      assert.ok(after.includes(`   - ${line}`), `README: ${line}`);
      assert.ok(overview(p).includes(`   - ${line}`), `Overview: ${line}`);
    }
    assert.match(overview(p), /^ {3}- Destination storage account: output storageAccountName$/m);
    assert.match(overview(p), /^ {3}- Users of BasicDataSet_v0\.Message_v1: only members of the Entra ID groups /m);
    // Who owns, who approves, what makes an approval lapse.
    assert.match(after, /must be a member user of your tenant with a mailbox, not a guest/);
    assert.match(after, /A global administrator who is not an owner of the application approves it/);
    assert.match(after, /changing its datasets, columns, scope or destination needs approval again/);
    // The JSON Data Connect delivers, and what happens to it, follow the sink.
    assert.match(after, /writes the JSON Data Connect delivers to the folder landing\/ of the container below, then the same columns as Parquet files; the JSON is deleted after 2 days/);
  });

  it('a Blob destination is registered with its blob URI; a JSON sink has no second copy to speak of', async () => {
    const r = await runOfferPipeline(await writeOffer(replaceOnce(BASE_OFFER, '  kind: adlsGen2\n  format: parquet', '  kind: blob\n  format: json')));
    const after = section(r.rendered[0].readme!, 'After installation');
    assert.match(after, /Storage account URI: Blob URI, https:\/\/<storage account>\.blob\.core\.windows\.net\//);
    assert.match(after, /Each run writes JSON files to the container below/);
    assert.doesNotMatch(r.rendered[0].readme!, /landing\//);
  });

  it('the regions an offer allows must be regions Data Connect serves; an offer that names none is installed only where it serves', async () => {
    const text = `${BASE_OFFER}regions:\n  allowed: [westeurope, swedencentral]\n`;
    const r = await runOfferPipeline(await writeOffer(text));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.code, d.pointer, d.line, d.column]), [['offer-region-not-served', '/regions/allowed/1', lineOf(text, 'allowed: [westeurope, swedencentral]'), 25]]);
    assert.match(errors[0].message, /Microsoft Graph Data Connect does not serve swedencentral/);
    assert.match(errors[0].hint!, /Europe: northeurope, westeurope/);
    const open = await runOfferPipeline(await writeOffer(BASE_OFFER));
    const main = JSON.parse(open.rendered[0].files.get('mainTemplate.json')!.toString('utf8')) as { parameters: { location: { allowedValues?: string[] } } };
    assert.ok(main.parameters.location.allowedValues?.includes('westeurope') && main.parameters.location.allowedValues.includes('japaneast'));
    assert.ok(!main.parameters.location.allowedValues?.includes('swedencentral'));
    // An offer without Microsoft 365 data is not restricted.
    const minimal = await runOfferPipeline(await writeOffer(minimalOffer()));
    const mm = JSON.parse(minimal.rendered[0].files.get('mainTemplate.json')!.toString('utf8')) as { parameters: { location: { allowedValues?: string[] } } };
    assert.equal(mm.parameters.location?.allowedValues, undefined);
  });

  it('a set that names a publishing script its static folder lacks is refused where it names it', async () => {
    const offer = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
    await copyTemplateSet('mgdc-adf', join(offer, 'tpl'));
    const manifest = join(offer, 'tpl', 'templateset.yaml');
    await writeFile(manifest, replaceOnce(await readFile(manifest, 'utf8'), '  compute: Azure Data Factory\n', '  compute: Azure Data Factory\n  publishScript: publish.sh\n'));
    await writeFile(join(offer, 'offer.yaml'), replaceOnce(await readFile(join(offer, 'offer.yaml'), 'utf8'), '  set: mgdc-adf', '  path: tpl'));
    const r = await runOfferPipeline(offer);
    const d = r.diagnostics.filter((x) => x.code === 'template-set-missing-publish-script');
    assert.equal(d.length, 1, JSON.stringify(r.diagnostics.map((x) => x.code)));
    assert.match(d[0].message, /names publish\.sh, which is not a file of the set's static folder \(the set has none\)/);
    assert.match(d[0].file!, /tpl\/templateset\.yaml$/);
  });
});
