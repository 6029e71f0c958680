// Whose data a copy out of Microsoft 365 reads: at most 10 groups, or a user filter over the whole tenant, not both.

import { prop } from '../../arm/template.js';
import { microsoft365Copies } from '../../package-model/copy-contract.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

const MAX_GROUPS = 10;

export default defineRule({
  id: 'm365-copy-scope',
  description: 'An Office365Source names at most 10 groups in allowedGroups, and sets userScopeFilterUri only when it names no groups.',
  source: `Office365Source: allowedGroups "Use this property to select up to 10 user groups for whom the data will be retrieved"; userScopeFilterUri "When allowedGroups property is not specified, you can use a predicate expression that is applied on the entire tenant" (${CONNECTOR_PAGE}).`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      for (const copy of microsoft365Copies(file.json.value)) {
        const groups = prop(copy.source, 'allowedGroups');
        const filter = prop(copy.source, 'userScopeFilterUri');
        const at = (key: string) => copy.activity.at('typeProperties', 'source', key);
        if (Array.isArray(groups) && groups.length > MAX_GROUPS) {
          ctx.report({ file, pointer: at('allowedGroups'), message: `${copy.name} names ${groups.length} groups in allowedGroups; a copy out of Microsoft 365 takes at most ${MAX_GROUPS}.`, hint: 'Put the users in at most ten groups (a group may contain groups), or copy the whole tenant.' });
        }
        const hasGroups = (Array.isArray(groups) && groups.length > 0) || (typeof groups === 'string' && groups !== '');
        if (hasGroups && typeof filter === 'string' && filter.trim() !== '') {
          ctx.report({ file, pointer: at('userScopeFilterUri'), message: `${copy.name} sets both allowedGroups and userScopeFilterUri; the user filter applies only when no groups are named.`, hint: 'Keep one: the groups, or the filter over the whole tenant.' });
        }
      }
    }
  },
});
