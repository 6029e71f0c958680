// What offerkit's own customer README says that no definition or Partner Center resource holds: how long the
// installation takes, how often the copy runs, where it writes and how long the files are kept. Read back from
// the README a package carries (only sentences offerkit writes, in the words it writes them), so an imported
// offer renders the same README again. The README is a stranger's text: every pattern runs on RE2's
// linear-time engine (util/linear-regex.ts), so no README, however long its lines, makes the reading slow.

import { COMPUTE_TYPE } from '../package-model/copy-engine.js';
import { linearPattern } from '../util/linear-regex.js';

const UNITS: Record<string, 'Hour' | 'Day' | 'Week' | 'Month'> = { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' };

export interface ReadmeFacts {
  installMinutes?: number;
  schedule?: { frequency: 'Hour' | 'Day' | 'Week' | 'Month'; interval: number; startTime?: string } | null;
  sink?: { kind: 'adlsGen2' | 'blob'; format: 'parquet' | 'json'; container: string };
  retentionDays?: number;
  /** The deployment outputs the next steps name (templateset.yaml's afterInstall). */
  afterInstall?: { outputs: Record<string, string>; compute?: string; publishScript?: string };
  /** Each dataset's purpose (its "**Purpose:**" line), by dataset name. */
  purposes?: Map<string, string>;
  support?: { name: string; email: string; phone?: string; url?: string };
  privacyUrl?: string;
  jitAccess?: { enabled: true; approval: 'manual' | 'automatic'; maximumDuration: string };
  /** The README says the publisher is notified of installs and changes (a notification endpoint was set). */
  notified?: boolean;
  /** The terms as the offer's terms.md had them (the README holds them under "Terms of service"). */
  terms?: string;
}

const OUTPUT_LABELS: Record<string, string> = { 'Destination storage account': 'storageAccount', Container: 'container', 'Data Factory': 'dataFactory', 'Synapse workspace': 'synapseWorkspace' };

const SCHEDULE = linearPattern('^every (?:(\\d{1,4}) )?(hour|day|week|month)s?, starting (when the application is installed|\\S+)$');
const INSTALL = linearPattern('Installation takes about (\\d{1,4}) minutes\\.');
const COPY = linearPattern('^The copy runs (.+?) \\(times in UTC\\) and writes to a storage account in the managed resource group \\(container `([a-z0-9-]{3,63})`, (Parquet|JSON) files(?:, kept (\\d{1,5}) days)?\\)\\.(?: .*)?$', { multiline: true });
const SUPPORT = linearPattern('^## Support\n\n(.+?) — ([^\\s·]+@[^\\s·]+)((?: · [^·\n]+)*)\n\nPrivacy policy: (https://\\S+)$', { multiline: true });
const JIT = linearPattern('^- Just-in-time access: the publisher must request access each time, for at most (\\d{1,2}) hours?(, and you approve every request)?\\.$', { multiline: true });
const NOTIFIED = linearPattern('^- The publisher is notified when the application is installed, changed or deleted\\.$', { multiline: true });
const OUTPUT = linearPattern('^ {3}- (Destination storage account|Container|Data Factory|Synapse workspace): .*\\(its name is the deployment output `([A-Za-z0-9_]{1,64})` of the managed application\\)$', { multiline: true });
const COMPUTE = linearPattern('^ {3}- Compute type: (.+)$', { multiline: true });
const PUBLISH_SCRIPT = linearPattern('^ {3}- Script: ([A-Za-z0-9][A-Za-z0-9._-]{0,99})$', { multiline: true });
const DATASET_HEADING = linearPattern('^### .* \\(`([A-Za-z0-9_.]+)`\\)$');
const PURPOSE = linearPattern('^\\*\\*Purpose:\\*\\* (.+)$');

/** The schedule scheduleText() wrote, read back; null for "on demand", undefined when the text is not its own. */
export function scheduleFromText(text: string): ReadmeFacts['schedule'] | undefined {
  if (text === 'on demand') return null;
  const m = SCHEDULE.exec(text)?.groups;
  if (!m) return undefined;
  const interval = m[1] ? Number(m[1]) : 1;
  if ((m[1] && interval === 1) || interval < 1 || interval > 1000) return undefined;
  return { frequency: UNITS[m[2]!], interval, ...(m[3] !== 'when the application is installed' ? { startTime: m[3]! } : {}) };
}

/** `mainText`: the package's mainTemplate.json, to tell a Data Lake sink (AzureBlobFS) from a blob one. */
export function readmeFacts(readme: string | undefined, mainText: string): ReadmeFacts {
  if (!readme) return {};
  const facts: ReadmeFacts = {};
  const install = INSTALL.exec(readme)?.groups;
  if (install) facts.installMinutes = Number(install[1]);
  const copy = COPY.exec(readme)?.groups;
  if (copy) {
    const schedule = scheduleFromText(copy[1]!);
    if (schedule !== undefined) facts.schedule = schedule;
    facts.sink = { kind: mainText.includes('"AzureBlobFS"') ? 'adlsGen2' : 'blob', format: copy[3] === 'Parquet' ? 'parquet' : 'json', container: copy[2]! };
    if (copy[4]) facts.retentionDays = Number(copy[4]);
  }
  // Each dataset's heading, then the first "**Purpose:**" line before the next level-3 heading: a line scan.
  const purposes = new Map<string, string>();
  let dataset: string | undefined;
  for (const line of readme.split('\n')) {
    const heading = line.startsWith('### ') ? DATASET_HEADING.exec(line)?.groups[1] : undefined;
    if (line.startsWith('### ')) dataset = heading;
    else if (dataset && line.startsWith('**Purpose:** ')) {
      const purpose = PURPOSE.exec(line)?.groups[1];
      if (purpose !== undefined && !purposes.has(dataset)) purposes.set(dataset, purpose);
      dataset = undefined;
    }
  }
  if (purposes.size) facts.purposes = purposes;
  const support = SUPPORT.exec(readme)?.groups;
  if (support) {
    const extra = support[3]!.split(' · ').slice(1);
    const url = extra.find((x) => x.startsWith('https://'));
    const phone = extra.find((x) => !x.startsWith('https://'));
    facts.support = { name: support[1]!, email: support[2]!, ...(phone ? { phone } : {}), ...(url ? { url } : {}) };
    facts.privacyUrl = support[4]!;
  }
  const jit = JIT.exec(readme)?.groups;
  if (jit) facts.jitAccess = { enabled: true, approval: jit[2] ? 'manual' : 'automatic', maximumDuration: `PT${jit[1]}H` };
  if (NOTIFIED.test(readme)) facts.notified = true;
  const outputs: Record<string, string> = {};
  for (const m of OUTPUT.all(readme)) outputs[OUTPUT_LABELS[m.groups[1]!]] = m.groups[2]!;
  const compute = COMPUTE.exec(readme)?.groups[1];
  // offerkit's README of a Synapse package says the script a Synapse Administrator runs after installation.
  const publishScript = PUBLISH_SCRIPT.exec(readme)?.groups[1];
  if (Object.keys(outputs).length) facts.afterInstall = { outputs, ...(compute && compute !== COMPUTE_TYPE.dataFactory ? { compute } : {}), ...(publishScript ? { publishScript } : {}) };
  // The terms section runs to the end (its own headings were moved two levels down, under level 2).
  const at = readme.indexOf('\n## Terms of service\n\n');
  if (at >= 0) {
    const body = readme.slice(at + '\n## Terms of service\n\n'.length);
    const next = /^## /m.exec(body);
    const section = (next ? body.slice(0, next.index) : body).trimEnd();
    let fence = false;
    facts.terms = `${section
      .split('\n')
      .map((line) => {
        if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
        const m = fence ? null : /^#{3,6}(\s.*)$/.exec(line);
        return m ? `${line.slice(2, line.length - m[1].length)}${m[1]}` : line;
      })
      .join('\n')}\n`;
  }
  return facts;
}
