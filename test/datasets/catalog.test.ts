import assert from 'node:assert/strict';
import { dataConnectRegions, loadCatalog, officeRegionOf, suggestColumn, suggestDataset, findDataset } from '../../src/datasets/catalog.js';

describe('dataset catalog', () => {
  const catalog = loadCatalog();

  it('records its source and the date it was taken', () => {
    assert.match(catalog.source, /dataconnect-solutions/);
    assert.match(catalog.takenOn, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers the Outlook/Entra, Teams chat and SharePoint datasets', () => {
    for (const short of ['Message_v1', 'SentItems_v1', 'Inbox_v1', 'Event_v1', 'CalendarView_v0', 'Contact_v1', 'MailboxSettings_v0', 'User_v1', 'Manager_v0', 'DirectReport_v0', 'TeamChat_v1', 'SharePointSites_v1', 'SharePointPermissions_v1', 'SharePointGroups_v1', 'SharePointFiles_v1']) {
      assert.ok(findDataset(`BasicDataSet_v0.${short}`), short);
    }
  });

  for (const d of loadCatalog().datasets) {
    it(`${d.name} is consistent`, () => {
      assert.match(d.name, /^BasicDataSet_v0\.[A-Za-z]+_v\d+$/);
      const names = d.columns.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, 'no duplicate columns');
      for (const c of d.columns) {
        assert.ok(c.description.length > 3, `${c.name} has a description`);
        assert.ok(['string', 'datetime', 'boolean', 'integer', 'object', 'array'].includes(c.type), `${c.name}: ${c.type}`);
      }
      for (const col of d.dateFilter?.columns ?? []) assert.ok(d.columns.some((c) => c.name === col && c.dateFilter), col);
      assert.equal(d.userScoped, names.includes('puser'));
    });
  }

  it('suggests the nearest dataset and column', () => {
    assert.equal(suggestDataset('Message_v1'), 'BasicDataSet_v0.Message_v1');
    assert.equal(suggestDataset('BasicDataSet_v0.Mesage_v1'), 'BasicDataSet_v0.Message_v1');
    assert.equal(suggestColumn(findDataset('BasicDataSet_v0.User_v1')!, 'departmnet'), 'department');
    assert.equal(suggestColumn(findDataset('BasicDataSet_v0.User_v1')!, 'zzzzzzzz'), undefined);
  });

  it("holds Microsoft's Office-region table with its source: ARM location names, each serving one Office region", () => {
    assert.match(catalog.dataConnectRegions.source, /microsoft-graph-docs-contrib\/blob\/[0-9a-f]{40}\/concepts\/data-connect-datasets\.md#regions/);
    assert.match(catalog.dataConnectRegions.takenOn, /^\d{4}-\d{2}-\d{2}$/);
    const all = dataConnectRegions();
    assert.equal(new Set(all).size, all.length, 'an Azure region serves one Office region');
    for (const name of all) assert.match(name, /^[a-z0-9]+$/);
    for (const r of catalog.dataConnectRegions.officeRegions) for (const a of r.azureRegions) assert.equal(a.name, a.displayName.toLowerCase().replace(/ /g, ''));
    assert.equal(officeRegionOf('westeurope')?.name, 'Europe');
    assert.equal(officeRegionOf('UK South')?.name, 'United Kingdom');
    assert.equal(officeRegionOf('swedencentral'), undefined, 'a region the table does not list is not served');
  });
});
