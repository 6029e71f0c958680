// The portal's selector, identity and solution controls — service principals, key vault certificates, managed
// identities, resources, ARM calls, blades — and the file upload and editable grid. Whatever would come from
// the customer's tenant is bundled sample data, and the control says so.

import { h } from './dom.js';
import { base, isRequired, checkText, isTrue, labelOf, note, obj, onInput, input, shell, text, tryEvaluate, uid, type Def } from './control-kit.js';
import type { Factory } from './controls-azure.js';
import { textOf } from '../../util/text-of.js';

const fileUpload: Factory = (def, type, ctx) => {
  const o = obj(def.options);
  const id = uid(String(def.name));
  const file = h('input', { id, type: 'file', accept: typeof o.accept === 'string' ? o.accept : undefined, multiple: isTrue(o.multiple) });
  let value: unknown;
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) {
      value = undefined;
      ctx.changed();
      return;
    }
    if (textOf(o.uploadMode ?? 'file').toLowerCase() === 'url') {
      value = `https://upload.preview.invalid/${encodeURIComponent(f.name)}`;
      ctx.changed();
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const r = reader.result;
      value = typeof r === 'string' ? (textOf(o.openMode ?? 'text').toLowerCase() === 'binary' ? r.replace(/^data:[^,]*,/, '') : r) : undefined;
      ctx.changed();
    };
    if (textOf(o.openMode ?? 'text').toLowerCase() === 'binary') reader.readAsDataURL(f);
    else reader.readAsText(f, typeof o.encoding === 'string' ? o.encoding : 'UTF-8');
  });
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'File', h('div', {}, file, h('p', { class: 'hint' }, textOf(o.uploadMode ?? 'file').toLowerCase() === 'url' ? 'The portal uploads the file and passes its address; the preview shows a sample address.' : 'The file is read in this browser only; nothing is uploaded.')), id);
  return base(def, type, parts, () => value, () => (isRequired(def, ctx) && value === undefined ? 'Choose a file.' : null));
};

const SAMPLE_IDENTITY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-sample';

const identitySelector: Factory = (def, type, ctx) => {
  const o = obj(def.options);
  const d = obj(def.defaultValue);
  const id = uid(String(def.name));
  const system = h('input', { type: 'checkbox', id: `${id}-system` });
  system.checked = textOf(d.systemAssignedIdentity ?? '').toLowerCase() === 'on';
  const user = h('input', { type: 'checkbox', id: `${id}-user` });
  for (const el of [system, user]) el.addEventListener('change', () => ctx.changed());
  const body = h('div', { class: 'identity' },
    isTrue(o.hideSystemAssignedIdentity) ? null : h('label', { for: system.id, class: 'checkbox' }, system, ' System-assigned identity'),
    isTrue(o.hideUserAssignedIdentity) ? null : h('label', { for: user.id, class: 'checkbox' }, user, ' User-assigned identity: id-sample (rg-identities)'),
    note('Sample data: in the portal you pick user-assigned identities of your subscription.'));
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Managed identity', body);
  const value = () => {
    const kinds = [system.checked ? 'SystemAssigned' : '', user.checked ? 'UserAssigned' : ''].filter(Boolean);
    return { type: kinds.length ? kinds.join(',') : 'None', ...(user.checked ? { userAssignedIdentities: { [SAMPLE_IDENTITY]: {} } } : {}) };
  };
  return base(def, type, parts, value, () => null);
};

const resourceSelector: Factory = (def, type, ctx) => {
  const id = uid(String(def.name));
  const resourceType = textOf(def.resourceType ?? 'Microsoft.Resources/resources');
  const short = resourceType.split('/').pop()!.toLowerCase();
  const samples = [1, 2].map((n) => ({ id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sample/providers/${resourceType}/${short}-sample-${n}`, name: `${short}-sample-${n}`, location: String(tryEvaluate('[location()]', ctx, 'westeurope')), type: resourceType }));
  const select = h('select', { id, name: String(def.name) }, h('option', { value: '' }, '— select —'), ...samples.map((s, i) => h('option', { value: String(i) }, `${s.name} (rg-sample)`)));
  onInput(select, ctx);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || resourceType, h('div', {}, select, note(`Sample data: in the portal this lists the ${resourceType} resources of your subscription.`)), id);
  return base(def, type, parts, () => (select.value === '' ? undefined : samples[Number(select.value)]), () => (isRequired(def, ctx) && select.value === '' ? 'Select a resource.' : null));
};

/**
 * What an ARM call answers in the preview. A GET that lists resources of a type (`…/providers/<Namespace>/<type>`)
 * answers as ARM lists do, `{ value: [resources] }` (https://learn.microsoft.com/rest/api/resources/resources/list),
 * with two sample resources; a name availability check answers that the name is free (the shape of the
 * providers' CheckNameAvailability responses); anything else answers an empty object.
 */
export function sampleArmAnswer(method: string, path: string, location: string): { answer: unknown; said: string } {
  const [bare] = path.split('?');
  const segments = bare.split('/').filter(Boolean);
  if (/\/checknameavailability$/i.test(bare)) return { answer: { nameAvailable: true, reason: '', message: '' }, said: 'answers that the name is available' };
  const at = segments.map((x) => x.toLowerCase()).lastIndexOf('providers');
  const rest = at >= 0 ? segments.slice(at + 1) : [];
  if (method.toUpperCase() === 'GET' && rest.length >= 2 && rest.length % 2 === 0 && rest[0].includes('.')) {
    const type = [rest[0], ...rest.slice(1).filter((_x, k) => k % 2 === 0)].join('/');
    const short = rest[rest.length - 1].toLowerCase();
    const value = [1, 2].map((n) => ({ id: `/${segments.join('/')}/${short}-sample-${n}`, name: `${short}-sample-${n}`, type, location, properties: {} }));
    return { answer: { value }, said: `answers with two sample ${type} resources` };
  }
  return { answer: {}, said: 'gives an empty answer' };
}

const armApiControl: Factory = (def, type, ctx) => {
  const r = obj(def.request);
  const method = textOf(r.method ?? 'GET');
  const hint = h('p', { class: 'hint sample-data' });
  const call = () => {
    const path = text(r.path, ctx);
    const result = sampleArmAnswer(method, path, String(tryEvaluate('[location()]', ctx, 'westeurope')));
    hint.textContent = `Calls ${method} ${path || '(no path)'} on Azure Resource Manager in the portal; the preview has no Azure to call and ${result.said} (sample data).`;
    return result.answer;
  };
  let answer = call();
  const parts = shell(def, type, ctx, '', hint);
  const c = base(def, type, parts, () => answer, () => null);
  const own = c.refresh;
  c.refresh = () => {
    answer = call();
    return own();
  };
  return c;
};

const editableGrid: Factory = (def, type, ctx) => {
  const count = obj(obj(obj(def.constraints).rows).count);
  const columns = (Array.isArray(obj(def.constraints).columns) ? (obj(def.constraints).columns as unknown[]) : []).map(obj);
  const rows = h('tbody', {});
  const cells: { id: string; el: HTMLInputElement | HTMLSelectElement; def: Def }[][] = [];
  const min = Number(count.min ?? 0) || 0;
  const max = Number(count.max ?? 50) || 50;
  const addRow = () => {
    if (cells.length >= max) return;
    const row = columns.map((c) => {
      const element = obj(c.element);
      const allowed = tryEvaluate(obj(element.constraints).allowedValues, ctx, undefined);
      const el = Array.isArray(allowed)
        ? h('select', { 'aria-label': text(c.header, ctx) }, h('option', { value: '' }, '—'), ...allowed.map((a) => h('option', { value: JSON.stringify(obj(a).value) }, text(obj(a).label, ctx))))
        : h('input', { type: 'text', 'aria-label': text(c.header, ctx), placeholder: text(element.placeholder, ctx) || undefined });
      onInput(el, ctx);
      return { id: textOf(c.id ?? ''), el, def: element };
    });
    cells.push(row);
    rows.appendChild(h('tr', {}, ...row.map((x) => h('td', {}, x.el))));
    ctx.changed();
  };
  for (let i = 0; i < Math.max(1, min); i++) addRow();
  const add = h('button', { type: 'button', class: 'link' }, 'Add a row');
  add.addEventListener('click', addRow);
  const table = h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, text(c.header, ctx))))), rows);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || textOf(def.name ?? 'Grid'), h('div', {}, table, add));
  const cellValue = (x: { el: HTMLInputElement | HTMLSelectElement }) => (x.el.tagName === 'SELECT' ? (x.el.value ? (JSON.parse(x.el.value) as unknown) : undefined) : x.el.value);
  const value = () => cells.filter((r) => r.some((x) => x.el.value)).map((r) => Object.fromEntries(r.map((x) => [x.id, cellValue(x)])));
  return base(def, type, parts, value, () => {
    const filled = value().length;
    if (filled < min || (isRequired(def, ctx) && !filled)) return `Fill at least ${Math.max(min, 1)} row${Math.max(min, 1) === 1 ? '' : 's'}.`;
    for (const r of cells) {
      if (!r.some((x) => x.el.value)) continue;
      for (const x of r) {
        const problem = x.el.tagName === 'SELECT' ? (isRequired(x.def, ctx) && !x.el.value ? 'Select a value in every row.' : null) : checkText(x.el.value, x.def, ctx);
        if (problem) return `${x.el.getAttribute('aria-label')}: ${problem}`;
      }
    }
    return null;
  });
};

const SAMPLE_APP = { appId: '11111111-2222-4333-8444-555555555555', objectId: '66666666-7777-4888-9999-000000000000', name: 'contoso-sample-app' };

const servicePrincipalSelector: Factory = (def, type, ctx) => {
  const o = obj(def.options);
  const labels = obj(def.label);
  const id = uid(String(def.name));
  const auth = h('select', { id: `${id}-auth`, 'aria-label': text(labels.authenticationType ?? 'Authentication type', ctx) }, h('option', { value: 'password' }, 'Password'), isTrue(o.hideCertificate) ? null : h('option', { value: 'certificate' }, 'Certificate thumbprint'));
  const pw = h('input', { id: `${id}-password`, type: 'password', autocomplete: 'new-password', 'aria-label': text(labels.password ?? 'Password', ctx) });
  const thumb = input({ id: `${id}-thumb`, 'aria-label': text(labels.certificateThumbprint ?? 'Certificate thumbprint', ctx) });
  const sync = () => {
    pw.hidden = auth.value !== 'password';
    thumb.hidden = auth.value !== 'certificate';
  };
  for (const el of [auth, pw, thumb]) onInput(el, ctx, sync);
  sync();
  const body = h('div', { class: 'service-principal' }, h('p', {}, `Application: ${SAMPLE_APP.name} (${SAMPLE_APP.appId})`), note('Sample data: in the portal you pick or create an app registration of your tenant.'), h('label', { for: auth.id }, text(labels.authenticationType ?? 'Authentication type', ctx)), auth, pw, thumb);
  const parts = shell(def, type, ctx, text(labels.sectionHeader ?? def.label, ctx) || 'Service principal', body, auth.id);
  const c = base(def, type, parts, () => ({ appId: SAMPLE_APP.appId, objectId: SAMPLE_APP.objectId, name: SAMPLE_APP.name, authenticationType: auth.value, ...(auth.value === 'password' ? { password: pw.value } : { certificateThumbprint: thumb.value }), newOrExisting: 'existing' }), () => {
    if (auth.value === 'password') return pw.value ? null : 'Enter the application\'s client secret.';
    return /^[0-9a-fA-F]{40}$/.test(thumb.value) ? null : 'A certificate thumbprint is 40 hexadecimal characters.';
  });
  c.secret = true;
  return c;
};

const keyVaultCertificateSelector: Factory = (def, type, ctx) => {
  const id = uid(String(def.name));
  const samples = ['contoso-tls', 'contoso-signing'].map((name) => ({ keyVaultId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sample/providers/Microsoft.KeyVault/vaults/kv-sample', keyVaultName: 'kv-sample', certificateName: name, certificateUrl: `https://kv-sample.vault.azure.net/secrets/${name}/0123456789abcdef0123456789abcdef`, certificateThumbprint: name === 'contoso-tls' ? '3F2504E04F8911D39A0C0305E82C3301A1B2C3D4' : '9A0C0305E82C33013F2504E04F8911D3A1B2C3D4' }));
  const select = h('select', { id, name: String(def.name) }, h('option', { value: '' }, '— select —'), ...samples.map((x, i) => h('option', { value: String(i) }, `${x.certificateName} (kv-sample)`)));
  onInput(select, ctx);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Certificate', h('div', {}, select, note('Sample data: in the portal this lists the certificates of the key vaults you can read.')), id);
  return base(def, type, parts, () => (select.value === '' ? undefined : samples[Number(select.value)]), () => (isRequired(def, ctx) && select.value === '' ? 'Select a certificate.' : null));
};

const bladeInvokeControl: Factory = (def, type, ctx) => {
  const blade = obj(obj(def.options).blade);
  const parts = shell(def, type, ctx, '', h('p', { class: 'hint sample-data' }, `Opens the portal blade ${text(blade.name, ctx) || '(unnamed)'}${blade.extension ? ` of ${text(blade.extension, ctx)}` : ''} and passes its result on; the preview cannot open portal blades and gives no result.`));
  return base(def, type, parts, () => undefined, () => null);
};

const selector: Factory = (def, type, ctx) => {
  const id = uid(String(def.name));
  const box = input({ id, name: String(def.name) });
  const d = tryEvaluate(def.value ?? def.defaultValue, ctx, undefined);
  if (typeof d === 'string') box.value = d;
  onInput(box, ctx);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Selection', h('div', {}, box, note('In the portal this opens a selection blade; here, type the value it would return.')), id);
  return base(def, type, parts, () => box.value || undefined, () => checkText(box.value, def, ctx));
};

export const PORTAL_FACTORIES: Record<string, Factory> = {
  'microsoft.common.serviceprincipalselector': servicePrincipalSelector,
  'microsoft.keyvault.keyvaultcertificateselector': keyVaultCertificateSelector,
  'microsoft.solutions.bladeinvokecontrol': bladeInvokeControl,
  'microsoft.common.selector': selector,
  'microsoft.common.fileupload': fileUpload,
  'microsoft.managedidentity.identityselector': identitySelector,
  'microsoft.solutions.resourceselector': resourceSelector,
  'microsoft.solutions.armapicontrol': armApiControl,
  'microsoft.common.editablegrid': editableGrid,
};
