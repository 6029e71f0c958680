// With a baseline in the configuration: a plan whose requested data or publisher access grows, or whose
// policies shrink or loosen, raises at least its minor version; different package content never keeps the
// same version; a version never goes down. The comparison itself is changes/compare.ts.

import { defineRule, type ReportFile } from '../rule.js';

export default defineRule({
  id: 'version-reflects-changes',
  description: 'With a baseline configured: a plan version rises when its package changes, and at least the minor version rises when the data requested or the publisher access grows or a policy is removed or loosened.',
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    const changes = ctx.package.changes;
    const offer = ctx.offer;
    if (!changes || !offer || !ctx.plan || !['lowered', 'not-raised', 'minor-needed'].includes(changes.verdict)) return;
    const index = offer.plans.findIndex((p) => p.id === ctx.plan!.id);
    const file: ReportFile = { display: offer.file, json: { locate: (p, o) => offer.source.locate(p, o) } };
    const widening = changes.changes.filter((c) => c.widens).slice(0, 3).map((c) => c.text);
    ctx.report({
      file,
      pointer: `/plans/${index}/version`,
      message: `Plan ${ctx.plan.id}: ${changes.verdictText}`,
      hint: widening.length ? `What grows: ${widening.join('; ')}. Run offerkit changes <offer> --since <baseline> for the whole comparison.` : 'Run offerkit changes <offer> --since <baseline> for what differs.',
    });
  },
});
