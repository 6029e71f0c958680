// Writes schemas/partner-center.schema.json from Microsoft's Partner Center ingestion swagger (default:
// ../shared/reference/partner-center/az-partner-center-cli/Partner_Ingestion_SwaggerDocument.json, or the
// path given). Run it when the swagger or the departures list changes; a test checks the two agree.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePartnerCenterSchema } from './partner-center-contract.js';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const DEFAULT_SWAGGER = join(root, '..', 'shared', 'reference', 'partner-center', 'az-partner-center-cli', 'Partner_Ingestion_SwaggerDocument.json');
const source = process.argv[2] ?? process.env.OFFERKIT_PC_SWAGGER ?? DEFAULT_SWAGGER;
const schema = derivePartnerCenterSchema(JSON.parse(readFileSync(source, 'utf8')) as Parameters<typeof derivePartnerCenterSchema>[0]);
writeFileSync(join(root, 'schemas', 'partner-center.schema.json'), JSON.stringify(schema, null, 2) + '\n');
console.log(`schemas/partner-center.schema.json written from ${source}`);
