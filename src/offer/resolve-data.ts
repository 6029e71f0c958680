// requiredData against the dataset catalog: every dataset and column must exist (else the nearest valid
// name is suggested), date windows must use a date-filterable column, group scopes only apply to
// user-scoped datasets.

import type { Diagnostic } from '../diagnostics.js';
import { findColumn, findDataset, loadCatalog, suggestColumn, suggestDataset, type DatasetColumn } from '../datasets/catalog.js';
import { nearest } from '../util/nearest.js';
import type { RequiredData } from './model.js';
import { error, type Locator, type RawRequiredData } from './raw.js';

export function resolveRequiredData(raw: RawRequiredData[], at: Locator): { requiredData: RequiredData[]; diagnostics: Diagnostic[] } {
  const catalog = loadCatalog();
  const diagnostics: Diagnostic[] = [];
  const requiredData: RequiredData[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const base = `/requiredData/${i}`;
    const dataset = findDataset(entry.dataset, catalog);
    if (!dataset) {
      const s = suggestDataset(entry.dataset, catalog);
      diagnostics.push(error(at(`${base}/dataset`), 'offer-unknown-dataset', `Unknown Microsoft Graph Data Connect dataset "${entry.dataset}".${s ? ` Did you mean "${s}"?` : ''}`, `Known datasets: ${catalog.datasets.map((d) => d.name.split('.')[1]).join(', ')}.`));
      return;
    }
    const previous = seen.get(dataset.name);
    if (previous !== undefined) {
      const prevAt = at(`/requiredData/${previous}/dataset`);
      diagnostics.push(error(at(`${base}/dataset`), 'offer-duplicate-dataset', `Dataset ${dataset.name} is requested twice (first at line ${prevAt.line ?? '?'}); merge the two entries so the admin sees one request.`));
      return;
    }
    seen.set(dataset.name, i);
    const columns: DatasetColumn[] = [];
    let ok = true;
    entry.columns.forEach((name, j) => {
      const col = findColumn(dataset, name);
      if (!col) {
        ok = false;
        const s = suggestColumn(dataset, name);
        diagnostics.push(error(at(`${base}/columns/${j}`), 'offer-unknown-column', `Dataset ${dataset.name} has no column "${name}".${s ? ` Did you mean "${s}"?` : ''}`, `Columns of ${dataset.name}: ${dataset.columns.map((c) => c.name).join(', ')}.`));
      } else {
        columns.push(col);
      }
    });
    let dateFilter: RequiredData['dateFilter'];
    const df = entry.dateFilter;
    const dateColumns = dataset.dateFilter?.columns ?? [];
    if (df) {
      if (!dateColumns.length) {
        ok = false;
        diagnostics.push(error(at(`${base}/dateFilter`, { key: true }), 'offer-date-filter-unsupported', `Dataset ${dataset.name} cannot be filtered by date; remove dateFilter.`));
      } else if (!dateColumns.includes(df.column)) {
        ok = false;
        const s = nearest(df.column, dateColumns);
        diagnostics.push(error(at(`${base}/dateFilter/column`), 'offer-date-filter-column', `"${df.column}" is not a date filter column of ${dataset.name}.${s ? ` Did you mean "${s}"?` : ''}`, `Date filter columns: ${dateColumns.join(', ')}.`));
      } else if (df.start && df.end && !(Date.parse(df.start) < Date.parse(df.end))) {
        ok = false;
        diagnostics.push(error(at(`${base}/dateFilter/end`), 'offer-date-window', `The date window ends (${df.end}) before it starts (${df.start}).`));
      } else {
        dateFilter = { column: df.column, ...(df.start ? { start: df.start } : {}), ...(df.end ? { end: df.end } : {}), ...(df.rollingDays ? { rollingDays: df.rollingDays } : {}) };
      }
    } else if (dataset.dateFilter?.required) {
      ok = false;
      diagnostics.push(error(at(base), 'offer-date-filter-required', `Dataset ${dataset.name} needs a date window: the Office 365 copy (Data Factory or Synapse) requires dateFilterColumn for datasets with date columns.`, `Add dateFilter: { column: ${dateColumns[0]}, rollingDays: 30 } (columns: ${dateColumns.join(', ')}).`));
    }
    let scope: RequiredData['scope'] = { allUsers: true, groups: [] };
    if (entry.scope && entry.scope !== 'allUsers') {
      if (!dataset.userScoped) {
        ok = false;
        diagnostics.push(error(at(`${base}/scope`), 'offer-scope-unsupported', `Dataset ${dataset.name} is tenant-wide, not per user; it cannot be limited to groups. Use scope: allUsers or remove scope.`));
      } else {
        scope = { allUsers: false, groups: entry.scope.groups.map((g) => g.toLowerCase()) };
      }
    }
    if (ok) requiredData.push({ dataset, columns, ...(dateFilter ? { dateFilter } : {}), scope, purpose: entry.purpose.trim(), index: i });
  });
  return { requiredData, diagnostics };
}
