import { ruleTests, tpl } from '../rule-tester.js';

const r = (type: string, apiVersion: unknown, extra: Record<string, unknown> = {}) => ({ type, apiVersion, name: 'x', ...extra });
const cache = { 'Microsoft.Storage/storageAccounts': ['2023-05-01', '2023-01-01', '2022-09-01', '2021-01-01', '2024-01-01-preview'], 'Microsoft.Web/connections': ['2018-07-01-preview', '2016-06-01'] };

ruleTests('apiversions-should-be-recent', {
  valid: [
    { name: 'recent', template: tpl([r('Microsoft.Storage/storageAccounts', '2023-05-01')]), cache, today: '2024-06-01' },
    { name: 'old but the newest stable', template: tpl([r('Microsoft.Web/connections', '2016-06-01')]), cache, today: '2024-06-01' },
    { name: 'type not in the cache', template: tpl([r('Contoso.Widgets/things', '2010-01-01')]), cache, today: '2024-06-01' },
    { name: 'checking disabled in metadata', template: tpl([r('Microsoft.Storage/storageAccounts', '2021-01-01', { metadata: { 'disable-apiVersions-should-be-recent': true } })]), cache, today: '2024-06-01' },
  ],
  invalid: [
    { name: 'older than 730 days with newer versions', template: tpl([r('Microsoft.Storage/storageAccounts', '2021-01-01')]), cache, today: '2024-06-01', errors: [{ message: /days old/, pointer: '/resources/0/apiVersion', line: 7, column: 21 }] },
    { name: 'preview when a newer stable exists', template: tpl([r('Microsoft.Web/connections', '2018-07-01-preview')]), cache: { 'Microsoft.Web/connections': ['2019-01-01', '2018-07-01-preview'] }, today: '2019-06-01', errors: [{ message: /preview/, line: 7, column: 21 }] },
    { name: 'not a string', template: tpl([r('Microsoft.Storage/storageAccounts', 20230501)]), cache, errors: [{ message: /not a string/, line: 7, column: 21 }] },
    { name: 'not a date', template: tpl([r('Microsoft.Storage/storageAccounts', 'latest')]), cache, errors: [{ message: /not a date/, line: 7, column: 21 }] },
    { name: 'without a cache: reported as not checked (info)', template: tpl([r('Microsoft.Storage/storageAccounts', '2021-01-01')]), errors: [{ message: /not checked/, severity: 'info', line: 1, column: 1 }] },
  ],
});
