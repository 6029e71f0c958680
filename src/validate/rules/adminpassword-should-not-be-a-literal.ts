import { defineRule } from '../rule.js';
import { checkLiteralProperties } from './admin-literal.js';

export default defineRule({
  id: 'adminpassword-should-not-be-a-literal',
  armTtk: 'adminPassword-Should-Not-Be-A-Literal',
  description: 'adminPassword and administratorLoginPassword in resources or variables must be expressions (normally a securestring parameter), never literal text.',
  defaultSeverity: 'error',
  target: 'template',
  check(ctx) {
    checkLiteralProperties(ctx, ['adminPassword', 'administratorLoginPassword'], 'a password');
  },
});
