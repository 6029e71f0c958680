import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

const table = (t: Record<string, unknown>, name: string) => {
  const resources = t.resources as Record<string, unknown>[];
  const ds = resources.find((r) => String(r.name).includes('DS_May2019_O365_Event'))!;
  ((ds.properties as Record<string, unknown>).typeProperties as Record<string, unknown>).tableName = name;
  return t;
};

ruleTests('m365-copy-date-filter', {
  valid: [
    { name: 'a window on a date column of the dataset', template: factoryCopy() },
    { name: 'a rolling window in pipeline expressions', template: factoryCopy((p) => { p.source.startTime = { value: '@adddays(pipeline().TriggerTime, -1)', type: 'Expression' }; p.source.endTime = { value: '@pipeline().TriggerTime', type: 'Expression' }; }) },
    { name: 'a dataset without date columns, copied whole', template: table(factoryCopy((p) => { delete p.source.dateFilterColumn; delete p.source.startTime; delete p.source.endTime; }), 'BasicDataSet_v0.User_v1') },
    { name: 'a dataset the catalogue does not know, with a complete window', template: table(factoryCopy((p) => { p.source.dateFilterColumn = 'WhenItHappened'; }), 'BasicDataSet_v0.Unknown_v9') },
  ],
  invalid: [
    { name: 'a dataset with date columns copied without a window', template: factoryCopy((p) => { delete p.source.dateFilterColumn; delete p.source.startTime; delete p.source.endTime; }), errors: [{ message: /copies BasicDataSet_v0\.Event_v0, which has date columns \(CreatedDateTime, LastModifiedDateTime\), without a date filter/, line: 147, column: 25 }] },
    { name: 'a window without its column (Synapse artifacts)', template: workspaceCopy({}, (p) => { delete p.source.dateFilterColumn; }), errors: [{ message: /gives a date window \(startTime, endTime\) without dateFilterColumn/, line: 110, column: 34 }] },
    { name: 'a column without the end of its window', template: factoryCopy((p) => { delete p.source.endTime; }), errors: [{ message: /filters on CreatedDateTime but lacks endTime/, line: 149, column: 37 }] },
    { name: 'a column that is not a date column of the dataset', template: factoryCopy((p) => { p.source.dateFilterColumn = 'Subject'; }), errors: [{ message: /filters BasicDataSet_v0\.Event_v0 on Subject, which is not one of its date columns/, line: 149, column: 37 }] },
  ],
});
