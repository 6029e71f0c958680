// `offerkit preview`: picks the offer, then serves the preview until interrupted, or exports it with --out.

import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { usageError } from '../../diagnostics.js';
import { findOfferDirs } from '../offer-dirs.js';
import { err, out, printDiagnostics, routeReports } from '../output.js';

/** The command line of `offerkit preview` as yargs parses it (declared here, used by commands/preview.cts). */
export interface PreviewArgs {
  offer?: string;
  plan?: string;
  port: number;
  open: boolean;
  out?: string;
  parametersOut?: string;
  force: boolean;
  json: boolean;
}

async function pickOffer(given: string | undefined): Promise<string> {
  if (given) {
    const st = statSync(given, { throwIfNoEntry: false });
    if (!st) throw usageError(`${given} does not exist.`, 'Pass an offer folder (with offer.yaml), a package folder or an app.zip.');
    if (st.isFile() && !/\.zip$/i.test(given)) throw usageError(`${given} is not an offer folder, a package folder or an app.zip.`);
    return given;
  }
  const dirs = await findOfferDirs();
  if (dirs.length !== 1) throw usageError(dirs.length ? `Several offers under offers/: name one (${dirs.join(', ')}).` : 'No offer under offers/: name an offer folder.');
  return dirs[0];
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => err(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

export async function runPreview(argv: PreviewArgs): Promise<number> {
  if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65535) throw usageError('--port must be a port number (0 for a free one).');
  const offerDir = await pickOffer(argv.offer);
  if (argv.parametersOut) {
    routeReports({ '--parameters-out': argv.parametersOut }, argv.json ? { machineOutput: '--json' } : {});
    const { writeDefaultParameters } = await import('../../preview/parameters-export.js');
    const r = await writeDefaultParameters(offerDir, argv.parametersOut, argv.plan);
    const where = 'stream' in r.written ? `standard ${r.written.stream === 'stdout' ? 'output' : 'error'}` : relative(process.cwd(), r.file);
    if (argv.json) printDiagnostics(r.diagnostics, { json: true, extra: { parametersFile: 'stream' in r.written ? '-' : relative(process.cwd(), r.file), plan: r.plan, parameters: r.parameters, missing: r.missing, secureLeftOut: r.secure } });
    else {
      out(`Wrote ${where}: the deployment parameters of ${r.plan} with the form's defaults (${r.parameters.length} parameter${r.parameters.length === 1 ? '' : 's'}).${r.secure.length ? ` Secure parameters are not written: ${r.secure.join(', ')} (offerkit deploy reads them from OFFERKIT_PARAM_<NAME>).` : ''}\n`);
      if (r.diagnostics.length) printDiagnostics(r.diagnostics);
    }
    if (!argv.out) return r.fatal ? 1 : 0;
  }
  if (argv.out) {
    const { exportPreview } = await import('../../preview/export.js');
    const site = await exportPreview(offerDir, argv.out, { ...(argv.plan ? { plan: argv.plan } : {}), force: argv.force });
    const diagnostics = site.diagnostics;
    const pages = [...site.pages.keys()];
    if (argv.json) printDiagnostics(diagnostics, { json: true, extra: { out: relative(process.cwd(), site.outDir) || '.', pages } });
    else out(`Wrote ${pages.length} page${pages.length === 1 ? '' : 's'} to ${relative(process.cwd(), site.outDir) || '.'}: ${pages.join(', ')}\nOpen ${join(relative(process.cwd(), site.outDir) || '.', 'index.html')} in a browser.${diagnostics.length ? ` The pages list ${diagnostics.length} finding${diagnostics.length === 1 ? '' : 's'} of offerkit validate.` : ''}\n`);
    return site.fatal ? 1 : 0;
  }
  const { startPreviewServer } = await import('../../preview/server.js');
  const server = await startPreviewServer(offerDir, { port: argv.port, ...(argv.plan ? { plan: argv.plan } : {}), onError: (e) => err(`offerkit preview: ${e.message}\n`) });
  if (argv.json) out(`${JSON.stringify({ url: server.url, offer: offerDir })}\n`, 'json');
  else out(`Previewing ${offerDir} at ${server.url} (127.0.0.1 only). Edits to the offer show on reload. Ctrl+C to stop.\n`);
  if (argv.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export { runCommand } from '../output.js';
