// The tester for the marketplace rules (`--target marketplace`): the example offer is valid; each case changes it
// in one way Partner Center would refuse and states the message and where in offer.yaml it is reported.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderAndValidateOffer } from '../../../src/pipeline/offer-pipeline.js';
import { copyExampleOffer, tempDir } from '../../helpers/cli.js';
import { lineOf } from '../../helpers/offer-fixture.js';

export interface Case {
  name: string;
  edit: [string, string][];
  rule: 'marketplace-listing' | 'marketplace-plan';
  message: RegExp;
  /** The text on the line the finding points at. */
  at: string;
  severity?: 'error' | 'warning' | 'info';
}

export function marketplaceRuleTests(rule: Case['rule'], cases: Case[]): void {
  describe(`rule ${rule}`, function () {
    this.timeout(60000);

    it('valid: the example offer is ready for the marketplace', async () => {
      const r = await renderAndValidateOffer(join(process.cwd(), 'offers', 'contoso-mail-insights'), [], { validation: { target: 'marketplace' } });
      const found = r.diagnostics.filter((d) => d.code === rule && d.severity === 'error');
      assert.deepEqual(found, []);
    });

    it('none of it runs for a service catalog', async () => {
      const dir = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
      const file = join(dir, 'offer.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('amount: 490, currency: USD', 'amount: 490, currency: EUR'));
      const r = await renderAndValidateOffer(dir, [], { validation: { target: 'service-catalog' } });
      assert.deepEqual(r.diagnostics.filter((d) => d.code === rule), []);
    });

    for (const c of cases) {
      it(`invalid: ${c.name}`, async () => {
        const dir = await copyExampleOffer(join(await tempDir(), 'contoso-mail-insights'));
        const file = join(dir, 'offer.yaml');
        let text = await readFile(file, 'utf8');
        for (const [from, to] of c.edit) {
          assert.ok(text.includes(from), `the example contains ${JSON.stringify(from.slice(0, 40))}`);
          text = text.replace(from, to);
        }
        await writeFile(file, text);
        const r = await renderAndValidateOffer(dir, [], { validation: { target: 'marketplace' } });
        const found = r.diagnostics.filter((d) => d.code === rule && c.message.test(d.message));
        assert.equal(found.length, 1, `one finding (reported once, not once per plan): ${JSON.stringify(r.diagnostics.filter((d) => d.code.startsWith('marketplace')).map((d) => d.message))}`);
        const d = found[0];
        assert.equal(d.severity, c.severity ?? 'error');
        assert.match(d.file ?? '', /offer\.yaml$/);
        assert.equal(d.line, lineOf(text, c.at), `line of ${d.message}`);
        assert.equal(d.column, text.split('\n')[d.line - 1].indexOf(c.at.trim()) + 1, 'at the key');
        assert.ok(d.column, 'with a column');
      });
    }
  });
}
