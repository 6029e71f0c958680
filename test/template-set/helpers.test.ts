// Template helpers read only what the offer holds: no member of a prototype reaches a package.

import assert from 'node:assert/strict';
import { compileGuarded, jsonLiteral, RenderBudgetError, renderFailure } from '../../src/template-set/handlebars-env.js';

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

describe('bounded templates', () => {
  it('blocks nested thousands deep are refused before handlebars parses them, at the first block too deep', () => {
    const body = `{\n${'{{#if offer.a}}'.repeat(5000)}x${'{{/if}}'.repeat(5000)}}`;
    const c = compileGuarded(body, 'mainTemplate.json.hbs');
    assert.equal(c.template, undefined);
    assert.deepEqual(c.diagnostics.map((d) => [d.code, d.line, d.column]), [['template-too-deep', 2, 50 * '{{#if offer.a}}'.length + 1]]);
  });

  it('fifty levels are still fine', () => {
    const c = compileGuarded(`${'{{#if offer.a}}'.repeat(50)}1${'{{/if}}'.repeat(50)}`, 'mainTemplate.json.hbs');
    assert.ok(c.template);
    assert.equal(c.template.render({ offer: { a: true } }), '1');
  });

  it('nested loops over large lists stop at the iteration budget instead of growing to gigabytes', () => {
    const c = compileGuarded('{{#each offer.a}}{{#each @root.offer.a}}{{#each @root.offer.a}}{{json this}}{{/each}}{{/each}}{{/each}}', 'mainTemplate.json.hbs');
    assert.ok(c.template);
    const a = Array.from({ length: 2000 }, (_, i) => i);
    let failure: unknown;
    try {
      // A million turns take about a second on a quiet machine and can pass the 3 s clock on a busy one: with
      // the clock out of the way, only the iteration budget can stop this render.
      c.template.render({ offer: { a } }, { maxMs: 10 * 60 * 1000 });
    } catch (e) {
      failure = e;
    }
    assert.ok(failure instanceof RenderBudgetError);
    assert.match(failure.message, /ran more than 1000000 times in one render/);
    const d = renderFailure(c.template, failure, 'mainTemplate.json');
    assert.deepEqual([d.code, d.line, d.column], ['render-budget', 1, 41], 'at the innermost {{#each}}');
    // The budget is per render: a small render afterwards is fine.
    assert.equal(c.template.render({ offer: { a: [1, 2] } }), '12121212');
  });

  it('a render that stays under the loop and output budgets but runs long stops at the clock, as a render-budget finding', () => {
    const c = compileGuarded('{{#each offer.a}}{{json (length (pluck @root.offer.big "x"))}}{{/each}}', 'mainTemplate.json.hbs');
    assert.ok(c.template);
    const big = Array.from({ length: 200_000 }, (_, i) => ({ x: i }));
    let failure: unknown;
    try {
      c.template.render({ offer: { a: Array.from({ length: 100_000 }, (_, i) => i), big } });
    } catch (e) {
      failure = e;
    }
    assert.ok(failure instanceof RenderBudgetError, String(failure));
    const d = renderFailure(c.template, failure, 'mainTemplate.json');
    assert.equal(d.code, 'render-budget');
    assert.match(d.message, /Rendering mainTemplate\.json stopped: the render took more than 3 s/);
    assert.equal(d.line, 1, 'placed at the helper call or loop that was running');
  });
});

describe('the render budget at every helper call', () => {
  const failureOf = (body: string, context: unknown) => {
    const c = compileGuarded(body, 'mainTemplate.json.hbs');
    assert.ok(c.template, JSON.stringify(c.diagnostics));
    try {
      c.template.render(context);
    } catch (e) {
      return renderFailure(c.template, e, 'mainTemplate.json');
    }
    assert.fail('the render was expected to stop');
  };

  it('150,000 tags are refused before handlebars compiles them (it would take it most of a minute), at the first tag too many', () => {
    const body = `[\n${Array.from({ length: 150_000 }, () => '{{json offer.big}}').join(',')}\n]`;
    const c = compileGuarded(body, 'mainTemplate.json.hbs');
    assert.equal(c.template, undefined);
    assert.deepEqual(c.diagnostics.map((d) => [d.code, d.line, d.column]), [['template-too-large', 2, 2000 * '{{json offer.big}},'.length + 1]]);
    assert.ok(compileGuarded(`\\{{x}} ${'{{json offer.a}}'.repeat(2000)}`, 'mainTemplate.json.hbs').template, '2,000 tags and an escaped {{ are fine');
  });

  it('1,000 × {{json}} of a 1 MB value, outside any loop, stops at the output budget at the helper that crossed it', () => {
    const big = 'x'.repeat(1024 * 1024);
    const body = `[\n${Array.from({ length: 1000 }, () => '{{json offer.big}}').join(',')}\n]`;
    const d = failureOf(body, { offer: { big } });
    assert.equal(d.code, 'render-budget');
    assert.match(d.message, /the helpers made more than 8388608 characters in one render/);
    // 7 copies fit (each is 1 MB and its two quotes); the 8th crosses the budget of 8 MB.
    assert.deepEqual([d.line, d.column], [2, 7 * '{{json offer.big}},'.length + 1]);
  });

  it('a text doubled by concat in nested {{#with}} stops before it is made, not at the end', () => {
    const depth = 40;
    let body = '{{json x}}';
    for (let i = depth; i > 0; i--) body = `{{#with (concat ${i === 1 ? 'offer.seed' : `v${i - 1}`} ${i === 1 ? 'offer.seed' : `v${i - 1}`}) as |v${i}|}}${body.replace('{{json x}}', i === depth ? `{{json v${depth}}}` : '{{json x}}')}{{/with}}`;
    const d = failureOf(body, { offer: { seed: 'ab' } });
    assert.equal(d.code, 'render-budget', d.message);
  });

  it('a list holding itself twice, 40 levels deep, is refused by {{json}} and by join before it is expanded', () => {
    const nest = (inner: string) => {
      let body = inner;
      for (let i = 40; i > 0; i--) body = `{{#with (array ${i === 1 ? 'offer.seed' : `v${i - 1}`} ${i === 1 ? 'offer.seed' : `v${i - 1}`}) as |v${i}|}}${body}{{/with}}`;
      return body;
    };
    assert.equal(failureOf(nest('{{json v40}}'), { offer: { seed: 'abc' } }).code, 'render-budget');
    assert.equal(failureOf(nest('{{json (join v40 "-")}}'), { offer: { seed: 'abc' } }).code, 'render-budget');
  });

  it('jsonLiteral writes what JSON.stringify writes, with ARM expressions escaped and __proto__ kept as a name', () => {
    const value = { a: '[concat(1)]', b: '[[already]', c: [1, null, undefined, 'x', { d: true }], e: Number.NaN, f: undefined, g: -0.5, h: { nested: ['[x]'] }, '[key]': '[value]' };
    assert.equal(jsonLiteral(value), '{"a":"[[concat(1)]","b":"[[already]","c":[1,null,null,"x",{"d":true}],"e":null,"g":-0.5,"h":{"nested":["[[x]"]},"[key]":"[[value]"}', 'keys are not escaped');
    const proto = JSON.parse('{"__proto__": {"polluted": "[x]"}, "k": 1}') as unknown;
    assert.equal(jsonLiteral(proto), '{"__proto__":{"polluted":"[[x]"},"k":1}');
  });
});

describe('strict blocks', () => {
  it('#each over a field the context does not have is a finding at the template line, naming the path', () => {
    const body = '{\n  "a": [\n    {{#each offer.nope}}{{json this}}{{sep}}{{/each}}\n  ]\n}';
    const c = compileGuarded(body, 'mainTemplate.json.hbs');
    assert.ok(c.template);
    let failure: unknown;
    assert.throws(() => {
      try {
        c.template!.render({ offer: {} });
      } catch (e) {
        failure = e;
        throw e;
      }
    });
    const d = renderFailure(c.template, failure, 'mainTemplate.json');
    assert.deepEqual([d.code, d.line, d.column], ['render-failed', 3, 5]);
    assert.match(d.message, /asks for "offer\.nope", which the render context does not have/);
  });

  const failureOf = (body: string, context: unknown) => {
    const c = compileGuarded(body, 'mainTemplate.json.hbs');
    assert.ok(c.template, JSON.stringify(c.diagnostics));
    try {
      c.template.render(context);
    } catch (e) {
      return renderFailure(c.template, e, 'mainTemplate.json');
    }
    assert.fail(`rendered without an error: ${body}`);
  };
  const strictCases: [string, string, string, number, number][] = [
    ['json over a missing field', '{\n  "a": {{json offer.nope}}\n}', 'offer.nope', 2, 8],
    ['#if over a missing field', '{\n  "a": {{#if offer.maybe}}1{{else}}2{{/if}}\n}', 'offer.maybe', 2, 8],
    ['#unless over a missing field', '{\n\n  "a": {{#unless plan.gone}}1{{/unless}}\n}', 'plan.gone', 3, 8],
    ['#with over a missing field', '{\n  "a": {{#with offer.sub}}{{json x}}{{/with}}\n}', 'offer.sub', 2, 8],
    ['armString over a missing field', '{\n  "a": "{{armString offer.label}}"\n}', 'offer.label', 2, 9],
    ['a sub-expression argument', '{\n  "a": {{json (concat "x" offer.tail)}}\n}', 'offer.tail', 2, 15],
    ['a hash argument', '{\n  "a": {{json (object k=offer.val)}}\n}', 'offer.val', 2, 15],
    ['@root.constructor', '{\n  "a": {{json @root.constructor}}\n}', 'constructor', 2, 8],
    ['offer.__proto__', '{\n  "a": {{json offer.__proto__}}\n}', '__proto__', 2, 8],
  ];
  for (const [name, body, path, line, column] of strictCases) {
    it(`${name} is a finding at the template line, naming the path`, () => {
      const d = failureOf(body, { offer: { id: 'x' }, plan: {} });
      assert.equal(d.code, 'render-failed');
      assert.ok(d.message.includes(`"${path}"`) || d.message.includes(path), d.message);
      assert.deepEqual([d.line, d.column], [line, column], d.message);
    });
  }

  it('#if over a field that is there as null takes the else branch', () => {
    assert.equal(render('{{#if offer.maybe}}1{{else}}2{{/if}}', { offer: { maybe: null } }), '2');
  });

  it('#each over an empty list renders nothing, as before', () => {
    assert.equal(render('[{{#each offer.items}}{{json this}}{{sep}}{{/each}}]', { offer: { items: [] } }), '[]');
  });
});
