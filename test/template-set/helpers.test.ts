// Template helpers read only what the offer holds: no member of a prototype reaches a package.

import assert from 'node:assert/strict';
import { compileGuarded } from '../../src/template-set/handlebars-env.js';

const render = (body: string, context: unknown) => {
  const c = compileGuarded(body, 'mainTemplate.json.hbs');
  assert.ok(c.template, JSON.stringify(c.diagnostics));
  return c.template.render(context);
};

describe('template helpers and prototypes', () => {
  it('pluck reads own properties only', () => {
    const out = render('{{json (pluck offer.items "constructor")}}|{{json (pluck offer.items "name")}}', { offer: { items: [{ name: 'a' }, 'text', 7, { name: 'b' }] } });
    assert.doesNotMatch(out, /native code|function/);
    assert.equal(out.split('|')[1], '["a",null,null,"b"]');
  });
});
