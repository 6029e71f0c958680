// URIs built by string concatenation get slashes wrong; uri() joins them properly.

import { isExpression, tryParseExpression, type ExprNode } from '../../arm/expressions.js';
import { defineRule } from '../rule.js';
import { walk } from './walk.js';

/** Is there a concat()/format() call not nested inside a uri() call? */
function bareConcat(node: ExprNode, insideUri: boolean): boolean {
  if (node.kind === 'call') {
    const n = node.name.toLowerCase();
    if ((n === 'concat' || n === 'format') && !insideUri) return true;
    return node.args.some((a) => bareConcat(a, insideUri || n === 'uri'));
  }
  if (node.kind === 'member') return bareConcat(node.object, insideUri);
  if (node.kind === 'index') return bareConcat(node.object, insideUri) || bareConcat(node.index, insideUri);
  return false;
}

export default defineRule({
  id: 'uris-should-be-properly-constructed',
  armTtk: 'URIs-Should-Be-Properly-Constructed',
  description: 'Properties ending in uri or url must not be built with concat() or format() except inside uri().',
  defaultSeverity: 'warning',
  target: 'template',
  check(ctx) {
    const visits = walk(ctx.template, ctx.base);
    for (let i = 0; i < visits.length; i++) {
      const value = visits.value(i);
      if (typeof value !== 'string' || !isExpression(value)) continue;
      const key = visits.key(i);
      if (!/(uri|url)$/i.test(key)) continue;
      const expr = tryParseExpression(value);
      if (expr ? bareConcat(expr, false) : /(concat|format)\s*\(/i.test(value) && !/uri\s*\(/i.test(value)) {
        ctx.report({ message: `${key} is built with concat()/format(); slashes are easy to get wrong.`, pointer: visits.pointer(i), hint: "Use uri(base, relativePath), e.g. uri(parameters('_artifactsLocation'), concat('scripts/x.sh', parameters('_artifactsLocationSasToken')))." });
      }
    }
  },
});
