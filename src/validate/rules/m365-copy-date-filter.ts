// A dataset with date columns is copied within a date window, and a window always names its date column.

import { prop, propPath } from '../../arm/template.js';
import { findDataset } from '../../datasets/catalog.js';
import { microsoft365Copies } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export default defineRule({
  id: 'm365-copy-date-filter',
  description: 'An Office365Source copying a dataset that has date columns sets dateFilterColumn (one of those columns) with startTime and endTime; startTime and endTime are never set without dateFilterColumn, nor dateFilterColumn without them. Which datasets have date columns is offerkit\'s dataset catalogue (Microsoft\'s dataset pages).',
  source: `Office365Source: dateFilterColumn, required "Yes if dataset has one or more DateTime columns"; startTime and endTime, required "Yes if dateFilterColumn is specified" (${CONNECTOR_PAGE}); the datasets' date columns: microsoftgraph/dataconnect-solutions, Datasets/ (src/datasets/catalog.json).`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      for (const copy of microsoft365Copies(file.json.value)) {
        const at = (key?: string) => (key ? copy.activity.at('typeProperties', 'source', key) : copy.activity.at('typeProperties', 'source'));
        const column = prop(copy.source, 'dateFilterColumn');
        const start = present(prop(copy.source, 'startTime'));
        const end = present(prop(copy.source, 'endTime'));
        const table = textOf(propPath(copy.input?.node, 'properties.typeProperties.tableName'));
        const dataset = table ? findDataset(table) : undefined;
        if (!present(column)) {
          if (start || end) {
            ctx.report({ file, pointer: at(start ? 'startTime' : 'endTime'), message: `${copy.name} gives a date window (${[start ? 'startTime' : '', end ? 'endTime' : ''].filter(Boolean).join(', ')}) without dateFilterColumn, the column it applies to.`, hint: `Set dateFilterColumn${dataset?.dateFilter ? ` (${dataset.name}: ${dataset.dateFilter.columns.join(', ')})` : ''}.` });
          } else if (dataset?.dateFilter && dataset.dateFilter.required !== false) {
            ctx.report({ file, pointer: at(), message: `${copy.name} copies ${dataset.name}, which has date columns (${dataset.dateFilter.columns.join(', ')}), without a date filter; Data Connect requires one for such a dataset.`, hint: 'Set dateFilterColumn to one of those columns, and startTime and endTime.' });
          }
          continue;
        }
        if (!start || !end) {
          ctx.report({ file, pointer: at('dateFilterColumn'), message: `${copy.name} filters on ${textOf(column)} but lacks ${[start ? '' : 'startTime', end ? '' : 'endTime'].filter(Boolean).join(' and ')}; both bound the window.`, hint: 'Give startTime and endTime (ISO 8601, or pipeline expressions such as @adddays(pipeline().TriggerTime, -1)).' });
        }
        if (dataset && typeof column === 'string' && !column.startsWith('@') && !column.startsWith('[')) {
          const columns = dataset.dateFilter?.columns ?? [];
          if (!columns.some((c) => c.toLowerCase() === column.toLowerCase())) {
            ctx.report({ file, pointer: at('dateFilterColumn'), message: `${copy.name} filters ${dataset.name} on ${column}, which is not one of its date columns${columns.length ? ` (${columns.join(', ')})` : ' (it has none)'}.`, hint: columns.length ? `Use one of ${columns.join(', ')}.` : 'Remove the date filter.' });
          }
        }
      }
    }
  },
});
