// The createUiDefinition controls of Compute, Network and Storage that read the customer's Azure in the portal —
// VM sizes, credentials and user names, virtual networks, public IP addresses, storage accounts. The preview has
// no Azure to ask: these controls show bundled sample data and say so, validate as the portal does, and give the
// outputs values of the portal's shape.

import { h } from './dom.js';
import { base, checkText, defaultValue, fieldDefault, input, isTrue, labelOf, matches, note, obj, onInput, rg, shell, text, tryEvaluate, uid, withTracking, type Control, type ControlContext, type Def } from './control-kit.js';
import { textOf } from '../../util/text-of.js';

export type Factory = (def: Def, type: string, ctx: ControlContext) => Control;

const SIZES: { name: string; cores: number; memoryGiB: number; os: 'any'; premiumDisks: boolean }[] = [
  ['Standard_B1s', 1, 1], ['Standard_B2s', 2, 4], ['Standard_B2ms', 2, 8], ['Standard_B4ms', 4, 16], ['Standard_D2s_v3', 2, 8], ['Standard_D4s_v3', 4, 16],
  ['Standard_D8s_v3', 8, 32], ['Standard_D2s_v5', 2, 8], ['Standard_D4s_v5', 4, 16], ['Standard_D8s_v5', 8, 32], ['Standard_DS1_v2', 1, 3.5], ['Standard_DS2_v2', 2, 7],
  ['Standard_DS3_v2', 4, 14], ['Standard_E2s_v3', 2, 16], ['Standard_E4s_v3', 4, 32], ['Standard_F2s_v2', 2, 4], ['Standard_F4s_v2', 4, 8], ['Standard_A1_v2', 1, 2],
  ['Standard_A2_v2', 2, 4], ['Standard_D2_v3', 2, 8], ['Standard_D4_v3', 4, 16],
].map(([name, cores, memoryGiB]) => ({ name: String(name), cores: Number(cores), memoryGiB: Number(memoryGiB), os: 'any' as const, premiumDisks: /s_|s$|DS/.test(String(name)) }));

export const strings = (v: unknown, ctx: ControlContext): string[] => {
  const r = tryEvaluate(v, ctx, []);
  return Array.isArray(r) ? r.map(String) : [];
};

const sizeSelector: Factory = (def, type, ctx) => {
  const id = uid(String(def.name));
  const c = obj(def.constraints);
  const recommended = strings(def.recommendedSizes, ctx);
  const allowed = strings(c.allowedSizes, ctx).map((s) => s.toLowerCase());
  const excluded = strings(c.excludedSizes, ctx).map((s) => s.toLowerCase());
  const known = new Set(SIZES.map((s) => s.name.toLowerCase()));
  // Sizes the package names are listed even when the sample does not have them.
  const extra = [...recommended, ...strings(c.allowedSizes, ctx)].filter((n) => !known.has(n.toLowerCase())).map((name) => ({ name, cores: 0, memoryGiB: 0, os: 'any' as const, premiumDisks: false }));
  const sizes = [...SIZES, ...extra].filter((s) => (!allowed.length || allowed.includes(s.name.toLowerCase())) && !excluded.includes(s.name.toLowerCase()));
  sizes.sort((a, b) => Number(!recommended.includes(a.name)) - Number(!recommended.includes(b.name)));
  const select = h('select', { id, name: String(def.name) }, ...sizes.map((s) => h('option', { value: s.name }, `${s.name}${s.cores ? ` — ${s.cores} vCPU, ${s.memoryGiB} GiB` : ''}${recommended.includes(s.name) ? ' (recommended)' : ''}`)));
  const d = defaultValue(def, ctx);
  select.value = typeof d === 'string' && sizes.some((s) => s.name === d) ? d : recommended.find((r) => sizes.some((s) => s.name === r)) ?? sizes[0]?.name ?? '';
  onInput(select, ctx);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Size', h('div', {}, select, note('Sample sizes: in the portal this lists the sizes your subscription can use in the chosen region, with their prices.')), id);
  return base(def, type, parts, () => select.value || undefined, () => (sizes.length ? null : 'No size fits the constraints of this control (allowedSizes / excludedSizes).'));
};

const RESERVED_USERS: Record<string, string[]> = {
  windows: ['administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a', 'actuser', 'adm', 'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server', 'sql', 'support', 'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5'],
  linux: ['root', 'admin', 'administrator', 'user', 'test', 'guest', 'sys', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'operator', 'nobody'],
};

const osOf = (def: Def) => (textOf(def.osPlatform ?? obj(def.options).osPlatform ?? 'Windows').toLowerCase() === 'linux' ? 'linux' : 'windows');

const userNameTextBox: Factory = (def, type, ctx) => {
  const id = uid(String(def.name));
  const box = input({ id, name: String(def.name), autocomplete: 'username' });
  const d = defaultValue(def, ctx);
  if (typeof d === 'string') box.value = d;
  onInput(box, ctx);
  const os = osOf(def);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Username', box, id);
  return base(def, type, parts, () => box.value, () => {
    const v = box.value;
    if (!v) return 'A user name is required.';
    const custom = checkText(v, def, ctx);
    if (custom) return custom;
    if (os === 'windows' && (v.length > 20 || /[\\/"[\]:|<>+=;,?*@&\s]|\.$/.test(v))) return 'The user name must be at most 20 characters, without spaces or any of \\ / " [ ] : | < > + = ; , ? * @ &, and must not end with a period.';
    if (os === 'linux' && !/^[a-z_][a-z0-9_-]{0,63}$/.test(v)) return 'The user name must start with a lower-case letter or underscore and hold only lower-case letters, digits, - and _ (at most 64).';
    if (RESERVED_USERS[os].includes(v.toLowerCase())) return `"${v}" is a reserved user name; choose another.`;
    return null;
  });
};

/** The password rule Azure applies to VM administrator passwords. */
function vmPasswordProblem(v: string, os: string, def: Def): string | null {
  const c = obj(def.constraints);
  if (typeof c.customPasswordRegex === 'string' && c.customPasswordRegex) return matches(c.customPasswordRegex, v) ? null : textOf(c.customValidationMessage ?? 'The password is not in the expected form.');
  const max = os === 'linux' ? 72 : 123;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(v)).length;
  if (v.length < 12 || v.length > max || classes < 3) return `The password must be 12 to ${max} characters long and contain 3 of: a lower-case letter, an upper-case letter, a digit, a special character.`;
  return null;
}

const credentialsCombo: Factory = (def, type, ctx) => {
  const o = obj(def.options);
  const labels = obj(def.label);
  const os = osOf(def);
  const id = uid(String(def.name));
  const pw = h('input', { id, type: 'password', autocomplete: 'new-password', 'aria-label': text(labels.password ?? 'Password', ctx) });
  const confirm = h('input', { id: `${id}-confirm`, type: 'password', autocomplete: 'new-password', 'aria-label': text(labels.confirmPassword ?? 'Confirm password', ctx) });
  const key = h('textarea', { id: `${id}-key`, rows: 3, 'aria-label': text(labels.sshPublicKey ?? 'SSH public key', ctx), placeholder: 'ssh-rsa AAAA… or ssh-ed25519 AAAA…' });
  const hideConfirmation = isTrue(o.hideConfirmation);
  const linux = os === 'linux';
  const passwordAllowed = !(linux && isTrue(o.hidePassword));
  const auth = h('select', { id: `${id}-auth`, 'aria-label': text(labels.authenticationType ?? 'Authentication type', ctx) }, ...(passwordAllowed ? [h('option', { value: 'password' }, text(labels.password ?? 'Password', ctx))] : []), h('option', { value: 'sshPublicKey' }, text(labels.sshPublicKey ?? 'SSH public key', ctx)));
  const passwordPart = h('div', { class: 'password' }, h('label', { for: pw.id }, text(labels.password ?? 'Password', ctx)), pw, hideConfirmation ? null : h('label', { for: confirm.id, class: 'confirm' }, text(labels.confirmPassword ?? 'Confirm password', ctx)), hideConfirmation ? null : confirm);
  const keyPart = h('div', { class: 'ssh-key' }, h('label', { for: key.id }, text(labels.sshPublicKey ?? 'SSH public key', ctx)), key);
  const sync = () => {
    const ssh = linux && auth.value === 'sshPublicKey';
    passwordPart.hidden = ssh;
    keyPart.hidden = !ssh;
  };
  for (const el of [pw, confirm, key, auth]) onInput(el, ctx, sync);
  sync();
  const body = h('div', { class: 'credentials' }, linux ? h('div', { class: 'auth-type' }, h('label', { for: auth.id }, text(labels.authenticationType ?? 'Authentication type', ctx)), auth) : null, passwordPart, linux ? keyPart : null);
  const parts = shell(def, type, ctx, '', body);
  const c = base(def, type, parts, () => (linux ? { authenticationType: auth.value, password: auth.value === 'password' ? pw.value : '', sshPublicKey: auth.value === 'sshPublicKey' ? key.value : '' } : { password: pw.value }), () => {
    if (linux && auth.value === 'sshPublicKey') return /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]{20,}/.test(key.value.trim()) ? null : 'Paste an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-…).';
    if (!pw.value) return 'A password is required.';
    const rule = vmPasswordProblem(pw.value, os, def);
    if (rule) return rule;
    return !hideConfirmation && pw.value !== confirm.value ? 'The password and its confirmation do not match.' : null;
  });
  c.secret = true;
  c.focusTarget = linux ? auth : pw;
  return c;
};

const DNS_LABEL = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;

const publicIpAddressCombo: Factory = (def, type, ctx) => {
  const o = obj(def.options);
  const d = obj(def.defaultValue);
  const labels = obj(def.label);
  const id = uid(String(def.name));
  const choice = h('select', { id: `${id}-choice`, 'aria-label': 'Public IP address' }, h('option', { value: 'new' }, 'Create new'), isTrue(o.hideExisting) ? null : h('option', { value: 'existing' }, 'Use existing (sample: pip-sample in rg-network)'), isTrue(o.hideNone) ? null : h('option', { value: 'none' }, 'None'));
  const name = input({ id, 'aria-label': text(labels.publicIpAddress ?? 'Public IP address name', ctx) });
  const nameDefault = fieldDefault(name, d.publicIpAddressName, ctx, `${textOf(def.name ?? 'pip')}-ip`);
  const dns = input({ id: `${id}-dns`, 'aria-label': text(labels.domainNameLabel ?? 'Domain name label', ctx) });
  const dnsDefault = fieldDefault(dns, d.domainNameLabel, ctx);
  const sku = h('select', { id: `${id}-sku`, 'aria-label': 'SKU' }, h('option', { value: 'Basic' }, 'Basic'), h('option', { value: 'Standard' }, 'Standard'));
  sku.value = d.sku === 'Standard' || o.zone ? 'Standard' : 'Basic';
  const method = h('select', { id: `${id}-method`, 'aria-label': 'Assignment' }, h('option', { value: 'Dynamic' }, 'Dynamic'), h('option', { value: 'Static' }, 'Static'));
  method.value = textOf(d.publicIpAllocationMethod ?? d.publicIPAllocationMethod ?? (sku.value === 'Standard' ? 'Static' : 'Dynamic')) === 'Static' ? 'Static' : 'Dynamic';
  const hideDns = isTrue(o.hideDomainNameLabel);
  const details = h('div', { class: 'pip-details' }, h('label', { for: name.id }, text(labels.publicIpAddress ?? 'Name', ctx)), name, hideDns ? null : h('label', { for: dns.id }, text(labels.domainNameLabel ?? 'Domain name label', ctx)), hideDns ? null : dns, h('label', { for: sku.id }, 'SKU'), sku, h('label', { for: method.id }, 'Assignment'), method);
  for (const el of [choice, sku, method]) onInput(el, ctx, () => (details.hidden = choice.value !== 'new'));
  onInput(name, ctx, nameDefault.edited);
  onInput(dns, ctx, dnsDefault.edited);
  const parts = shell(def, type, ctx, text(labels.publicIpAddress ?? def.label, ctx) || 'Public IP address', h('div', {}, choice, details), `${id}-choice`);
  const value = () => (choice.value === 'none'
    ? { newOrExistingOrNone: 'none' }
    : choice.value === 'existing'
      ? { name: 'pip-sample', resourceGroup: 'rg-network', domainNameLabel: 'sample-dns', publicIPAllocationMethod: 'Static', sku: 'Standard', newOrExistingOrNone: 'existing' }
      : { name: name.value, resourceGroup: rg(ctx), domainNameLabel: hideDns ? '' : dns.value, publicIPAllocationMethod: method.value, sku: sku.value, newOrExistingOrNone: 'new' });
  const needDns = isTrue(obj(obj(def.constraints).required).domainNameLabel);
  return withTracking(base(def, type, parts, value, () => {
    if (choice.value !== 'new') return null;
    if (!/^[a-zA-Z0-9][\w.-]{0,78}[\w]$/.test(name.value)) return 'The public IP address name must be 2 to 80 letters, digits, underscores, periods or hyphens.';
    if (!hideDns && (dns.value || needDns) && !DNS_LABEL.test(dns.value)) return 'The domain name label must be 3 to 63 lower-case letters, digits or hyphens, start with a letter and not end with a hyphen.';
    return null;
  }), nameDefault.follow, dnsDefault.follow);
};

const prefixOf = (size: unknown, fallback: number) => {
  const n = Number(textOf(size ?? '').replace('/', ''));
  return n >= 8 && n <= 29 ? n : fallback;
};

const virtualNetworkCombo: Factory = (def, type, ctx) => {
  const d = obj(def.defaultValue);
  const o = obj(def.options);
  const labels = obj(def.label);
  const id = uid(String(def.name));
  const choice = h('select', { id: `${id}-choice`, 'aria-label': 'Virtual network' }, h('option', { value: 'new' }, 'Create new'), isTrue(o.hideExisting) ? null : h('option', { value: 'existing' }, 'Use existing (sample: vnet-sample in rg-network, 10.1.0.0/16)'));
  const name = input({ id, 'aria-label': text(labels.virtualNetwork ?? 'Virtual network name', ctx) });
  const nameDefault = fieldDefault(name, d.name, ctx, 'vnet');
  const size = prefixOf(d.addressPrefixSize, 16);
  const prefix = input({ id: `${id}-prefix`, 'aria-label': 'Address space' });
  prefix.value = `10.0.0.0/${size}`;
  const subnetDefs = Object.entries(obj(def.subnets));
  const subnets = subnetDefs.map(([key, s], i) => {
    const sd = obj(obj(s).defaultValue);
    const sName = input({ id: `${id}-${key}`, 'aria-label': `${text(obj(s).label, ctx) || key} name` });
    const sDefault = fieldDefault(sName, sd.name, ctx, key);
    onInput(sName, ctx, sDefault.edited);
    const sPrefix = input({ id: `${id}-${key}-prefix`, 'aria-label': `${text(obj(s).label, ctx) || key} address prefix` });
    sPrefix.value = `10.0.${i}.0/${prefixOf(sd.addressPrefixSize, 24)}`;
    return { key, label: text(obj(s).label, ctx) || key, name: sName, prefix: sPrefix, follow: sDefault.follow };
  });
  const details = h('div', { class: 'vnet-details' }, h('label', { for: name.id }, 'Name'), name, h('label', { for: prefix.id }, 'Address space'), prefix,
    ...subnets.flatMap((s) => [h('label', { for: s.name.id }, `${s.label}: name and address prefix`), s.name, s.prefix]));
  for (const el of [choice, prefix, ...subnets.map((s) => s.prefix)]) onInput(el, ctx, () => (details.hidden = choice.value !== 'new'));
  onInput(name, ctx, nameDefault.edited);
  const parts = shell(def, type, ctx, text(labels.virtualNetwork ?? def.label, ctx) || 'Virtual network', h('div', {}, choice, details, note('Sample data: in the portal "Use existing" lists the virtual networks of your subscription in the chosen region.')), `${id}-choice`);
  const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
  const value = () => {
    const existing = choice.value === 'existing';
    return {
      name: existing ? 'vnet-sample' : name.value,
      resourceGroup: existing ? 'rg-network' : rg(ctx),
      addressPrefixes: [existing ? '10.1.0.0/16' : prefix.value],
      addressPrefix: existing ? '10.1.0.0/16' : prefix.value,
      newOrExisting: existing ? 'existing' : 'new',
      subnets: Object.fromEntries(subnets.map((s, i) => [s.key, { name: existing ? `subnet-${i + 1}` : s.name.value, addressPrefix: existing ? `10.1.${i}.0/24` : s.prefix.value, startAddress: (existing ? `10.1.${i}.0/24` : s.prefix.value).replace(/\.0\/\d+$/, '.4') }])),
    };
  };
  return withTracking(base(def, type, parts, value, () => {
    if (choice.value !== 'new') return null;
    if (!/^[a-zA-Z0-9][\w.-]{0,62}[\w]$/.test(name.value)) return 'The virtual network name must be 2 to 64 letters, digits, underscores, periods or hyphens.';
    for (const p of [prefix, ...subnets.map((s) => s.prefix)]) {
      const m = cidr.exec(p.value);
      if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 29) return `${p.getAttribute('aria-label')}: "${p.value}" is not an address range such as 10.0.0.0/16.`;
    }
    return subnets.find((s) => !s.name.value) ? 'Every subnet needs a name.' : null;
  }), nameDefault.follow, ...subnets.map((s) => s.follow));
};

const STORAGE_TYPES = ['Standard_LRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Premium_LRS'];

function storageTypes(def: Def, ctx: ControlContext): string[] {
  const c = obj(def.constraints);
  const allowed = strings(c.allowedTypes, ctx);
  const excluded = strings(c.excludedTypes, ctx);
  return (allowed.length ? allowed : STORAGE_TYPES).filter((t) => !excluded.includes(t));
}

/** The performance and redundancy choice of the storage controls, within allowedTypes / excludedTypes. */
function storageTypeSelect(def: Def, d: Def, id: string, ctx: ControlContext): HTMLSelectElement {
  const types = storageTypes(def, ctx);
  const kind = h('select', { id: `${id}-type`, 'aria-label': 'Performance and redundancy' }, ...types.map((t) => h('option', { value: t }, t)));
  kind.value = types.includes(String(d.type)) ? String(d.type) : types[0] ?? '';
  onInput(kind, ctx);
  return kind;
}

const storageAccountSelector: Factory = (def, type, ctx) => {
  const d = obj(def.defaultValue);
  const id = uid(String(def.name));
  const name = input({ id, 'aria-label': 'Storage account name' });
  const nameDefault = fieldDefault(name, d.name, ctx);
  const kind = storageTypeSelect(def, d, id, ctx);
  onInput(name, ctx, nameDefault.edited);
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Storage account', h('div', {}, name, kind), id);
  return withTracking(base(def, type, parts, () => ({ name: name.value, resourceGroup: rg(ctx), type: kind.value, kind: 'StorageV2', newOrExisting: 'new' }), () =>
    /^[a-z0-9]{3,24}$/.test(name.value) ? null : 'The storage account name must be 3 to 24 lower-case letters and digits.'), nameDefault.follow);
};

const multiStorageAccountCombo: Factory = (def, type, ctx) => {
  const d = obj(def.defaultValue);
  const id = uid(String(def.name));
  const prefix = input({ id, 'aria-label': text(obj(def.label).prefix ?? 'Storage account name prefix', ctx) });
  const prefixDefault = fieldDefault(prefix, d.prefix, ctx);
  const kind = storageTypeSelect(def, d, id, ctx);
  onInput(prefix, ctx, prefixDefault.edited);
  const count = () => Number(tryEvaluate(def.count, ctx, 1)) || 1;
  const parts = shell(def, type, ctx, labelOf(def, ctx) || 'Storage accounts', h('div', {}, prefix, kind, h('p', { class: 'hint' }, `The portal creates ${count()} storage accounts named from this prefix.`)), id);
  return withTracking(base(def, type, parts, () => ({ prefix: prefix.value, count: count(), resourceGroup: rg(ctx), type: kind.value, kind: 'StorageV2' }), () =>
    /^[a-z0-9]{3,11}$/.test(prefix.value) ? null : 'The prefix must be 3 to 11 lower-case letters and digits.'), prefixDefault.follow);
};

export const AZURE_FACTORIES: Record<string, Factory> = {
  'microsoft.compute.sizeselector': sizeSelector,
  'microsoft.compute.usernametextbox': userNameTextBox,
  'microsoft.compute.credentialscombo': credentialsCombo,
  'microsoft.network.publicipaddresscombo': publicIpAddressCombo,
  'microsoft.network.virtualnetworkcombo': virtualNetworkCombo,
  'microsoft.storage.storageaccountselector': storageAccountSelector,
  'microsoft.storage.multistorageaccountcombo': multiStorageAccountCombo,
};
