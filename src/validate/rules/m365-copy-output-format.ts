// A copy out of Microsoft 365 writes JSON (or the files as they are, Binary); any other format is a second step.

import { isObject, prop, propPath } from '../../arm/template.js';
import { microsoft365Copies } from '../../package-model/copy-contract.js';
import { textOf } from '../../util/text-of.js';
import { defineRule } from '../rule.js';
import { CONNECTOR_PAGE, templatesOf } from './m365-copy.js';

/** Sinks of the file formats a copy out of Microsoft 365 may write. */
const ALLOWED_SINKS = ['jsonsink', 'binarysink'];
/** Sinks of the older dataset model, whose format is the output dataset's `format.type`. */
const FORMAT_BY_DATASET = ['blobsink', 'azureblobfssink', 'azuredatalakestoresink'];
const ALLOWED_FORMATS = ['jsonformat'];
const FORMAT_DATASETS = ['json', 'binary'];

export default defineRule({
  id: 'm365-copy-output-format',
  description: 'A copy activity whose source is Microsoft 365 (Office365Source) must write JSON (JsonSink, or a Json dataset) or the files as they are (BinarySink); Parquet, CSV or a database is a second activity chained after it.',
  source: `"within a single copy activity and data flow, you can only ingest data from Microsoft 365 (Office 365) into Azure Blob Storage, Azure Data Lake Storage Gen1, and Azure Data Lake Storage Gen2 in JSON format (type setOfObjects) ... If you want to load Microsoft 365 (Office 365) into other types of data stores or in other formats, you can chain the first copy activity or data flow with a subsequent activity" (${CONNECTOR_PAGE}); microsoft-graph-docs-contrib, concepts/data-connect-datasets.md: "For copy activity, the output files are formatted as JSON. This format is fixed".`,
  defaultSeverity: 'error',
  target: 'package',
  check(ctx) {
    for (const file of templatesOf(ctx)) {
      for (const copy of microsoft365Copies(file.json.value)) {
        const sinkType = textOf(prop(copy.sink, 'type'));
        const lower = sinkType.toLowerCase();
        if (!sinkType || ALLOWED_SINKS.includes(lower)) {
          // A JSON sink writing a dataset of another format is the same mistake, said by the dataset.
          const datasetType = textOf(propPath(copy.output?.node, 'properties.type'));
          if (lower && copy.output && datasetType && !FORMAT_DATASETS.includes(datasetType.toLowerCase()) && !/^azure/i.test(datasetType)) {
            ctx.report({ file, pointer: copy.output.at('properties', 'type'), message: `${copy.name} copies Microsoft 365 data into the ${datasetType} dataset ${textOf(prop(copy.output.node, 'name'))}; a copy out of Microsoft 365 writes JSON only.`, hint: 'Write a Json (or Binary) dataset, and convert it in a second activity.' });
          }
          continue;
        }
        if (FORMAT_BY_DATASET.includes(lower)) {
          const format = textOf(propPath(copy.output?.node, 'properties.typeProperties.format.type'));
          if (!format || ALLOWED_FORMATS.includes(format.toLowerCase()) || !copy.output) continue;
          ctx.report({ file, pointer: copy.output.at('properties', 'typeProperties', 'format', 'type'), message: `${copy.name} copies Microsoft 365 data as ${format}; a copy out of Microsoft 365 writes JSON only (JsonFormat), anything else is a second activity.`, hint: 'Use JsonFormat here (or a Json dataset with JsonSink), and convert the JSON in an activity chained after this one.' });
          continue;
        }
        const at = isObject(copy.sink) && !copy.activity.inText ? copy.activity.at('typeProperties', 'sink', 'type') : copy.activity.pointer;
        ctx.report({ file, pointer: at, message: `${copy.name} copies Microsoft 365 data with ${sinkType}; a copy out of Microsoft 365 writes JSON (type setOfObjects) or Binary only, so this copy would fail.`, hint: 'Write JSON with JsonSink (filePattern setOfObjects) to Blob or Data Lake storage, then chain a second copy that writes the format you need from that JSON.' });
      }
    }
  },
});
