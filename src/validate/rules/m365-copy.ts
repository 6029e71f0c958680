// What the m365-copy-* rules share: the templates of a package they read (the main template and every other
// template file, whole, nested templates included), and the sources they cite.

import type { PackageContext } from '../rule.js';
import type { SourceFile } from '../package-input.js';

/** Microsoft's page on the Office 365 connector, in the versions read (the newer one changes nothing these rules use). */
export const CONNECTOR_PAGE = 'MicrosoftDocs/azure-docs, articles/data-factory/connector-office-365.md ("Copy and transform data from Microsoft 365 (Office 365) into Azure using Azure Data Factory or Synapse Analytics", ms.date 11/28/2022; the 04/27/2025 version adds certificate credentials)';

/** Every template file of the package with its parsed value. */
export function templatesOf(ctx: PackageContext): SourceFile[] {
  return [ctx.package.mainTemplate, ...ctx.package.templates].filter((f): f is SourceFile => f?.json.value !== undefined);
}
