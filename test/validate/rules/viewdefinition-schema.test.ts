import { ruleTests } from '../rule-tester.js';

const view = (views: unknown[]) => ({ $schema: 'https://schema.management.azure.com/schemas/viewdefinition/0.0.1-preview/ViewDefinition.json#', contentVersion: '0.0.0.1', views });

ruleTests('viewdefinition-schema', {
  valid: [{ name: 'overview and metrics', view: view([{ kind: 'Overview', properties: { header: 'h', description: 'd' } }, { kind: 'Metrics', properties: { displayName: 'M', version: '1.0.0', charts: [{ displayName: 'c', metrics: [{ name: 'n', aggregationType: 'sum', resourceType: 'A.B/c' }] }] } }]) }],
  invalid: [
    { name: 'unknown kind', view: view([{ kind: 'Dashboard' }]), errors: [{ message: /"Dashboard" is not allowed/, line: 6, column: 15 }] },
    { name: 'metrics without charts', view: view([{ kind: 'Metrics', properties: { displayName: 'M' } }]), errors: [{ message: /"charts"/, line: 7, column: 7 }] },
    { name: 'bad aggregation', view: view([{ kind: 'Metrics', properties: { charts: [{ displayName: 'c', metrics: [{ name: 'n', aggregationType: 'total', resourceType: 'A.B/c' }] }] } }]), errors: [{ message: /"total" is not allowed/, line: 14, column: 36 }] },
  ],
});
