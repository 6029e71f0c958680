import { defineRule } from '../rule.js';
import { checkLiteralProperties } from './admin-literal.js';

export default defineRule({
  id: 'adminusername-should-not-be-a-literal',
  armTtk: 'adminUsername-Should-Not-Be-A-Literal',
  description: 'adminUsername and administratorLogin in resources or variables must be expressions (normally a parameter), never literal text.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    checkLiteralProperties(ctx, ['adminUsername', 'administratorLogin'], 'an administrator name');
  },
});
