import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

const groups = (n: number) => Array.from({ length: n }, (_, i) => `6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e${String(i).padStart(2, '0')}`);

ruleTests('m365-copy-scope', {
  valid: [
    { name: 'the whole tenant', template: factoryCopy() },
    { name: 'ten groups', template: factoryCopy((p) => { p.source.allowedGroups = groups(10); }) },
    { name: 'a user filter over the whole tenant', template: factoryCopy((p) => { p.source.userScopeFilterUri = "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"; }) },
    { name: 'groups and an empty filter, as Microsoft\'s managed application writes it', template: factoryCopy((p) => { p.source.allowedGroups = groups(2); p.source.userScopeFilterUri = ''; }) },
  ],
  invalid: [
    { name: 'eleven groups', template: factoryCopy((p) => { p.source.allowedGroups = groups(11); }), errors: [{ message: /names 11 groups in allowedGroups; a copy out of Microsoft 365 takes at most 10/, line: 163, column: 34 }] },
    { name: 'groups and a user filter (Synapse artifacts)', template: workspaceCopy({}, (p) => { p.source.allowedGroups = groups(1); p.source.userScopeFilterUri = "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"; }), errors: [{ message: /sets both allowedGroups and userScopeFilterUri/, line: 127, column: 43 }] },
  ],
});
