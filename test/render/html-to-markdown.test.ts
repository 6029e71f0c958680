// Listing HTML back to Markdown: what markdownToHtml writes comes back as Markdown that writes the same HTML;
// other HTML keeps its text; hostile HTML costs linear time and leaves no markup.

import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/render/html-to-markdown.js';
import { markdownToHtml } from '../../src/render/markdown.js';

describe('htmlToMarkdown', () => {
  it('gives back Markdown that renders to the same HTML', () => {
    const source = [
      '# Title', '', 'A paragraph with **strong**, *emphasis*, `code` and a [link](https://example.com/a?b=1&c=2).', '',
      '- one', '- two with <https://example.com>', '', '1. first', '2. second', '', '> quoted text', '', '---', '',
      '```', 'const x = "<b>";', '```', '', '## Sub & more', '', 'Last line.',
    ].join('\n');
    for (const top of [2, 3]) {
      const html = markdownToHtml(source, { topLevel: top });
      assert.equal(markdownToHtml(htmlToMarkdown(html, { topLevel: top }), { topLevel: top }), html);
    }
  });

  it('keeps the text of other HTML, decodes entities, drops comments, scripts become text', () => {
    const md = htmlToMarkdown('<div><span class="x">Hello&nbsp;&amp; welcome</span><!-- hidden --><br><table><tr><td>cell</td></tr></table><a href="javascript:alert(1)">click</a> &#x1F600; &bogus;</div>');
    assert.equal(md, 'Hello & welcome\n\ncell\n\nclick 😀 &bogus;\n');
    assert.doesNotMatch(htmlToMarkdown('<script>alert(1)</script><img src=x onerror=y>'), /</);
  });

  it('reads hostile HTML in linear time', () => {
    for (const unit of ['<a ', '<!--', '<p "', '&#', '<x'.padEnd(40, ' ')]) {
      const html = unit.repeat(200_000);
      // CPU time, not the wall clock: a busy machine stretches the latter. Linear is tens of milliseconds here;
      // quadratic would be minutes.
      const start = process.cpuUsage();
      htmlToMarkdown(html);
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      assert.ok(ms < 5000, `${JSON.stringify(unit)} × 200000 took ${ms} ms of CPU`);
    }
  });
});
