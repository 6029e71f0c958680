import { ruleTests } from '../rule-tester.js';
import { factoryCopy, workspaceCopy } from './m365-copy-fixture.js';

ruleTests('m365-copy-output-format', {
  valid: [
    { name: 'JSON (JsonSink, setOfObjects, a Json dataset)', template: factoryCopy() },
    { name: 'the files as they are (BinarySink, a Binary dataset), as Microsoft\'s managed application does', template: factoryCopy((p) => { p.sink = { type: 'BinarySink', storeSettings: { type: 'AzureBlobFSWriteSettings' } }; p.output = { type: 'Binary', linkedServiceName: { referenceName: 'Destination', type: 'LinkedServiceReference' }, typeProperties: { location: { type: 'AzureBlobFSLocation' } } }; }) },
    { name: 'the older model: BlobSink into a dataset with JsonFormat', template: factoryCopy((p) => { p.sink = { type: 'BlobSink' }; p.output = { type: 'AzureBlob', linkedServiceName: { referenceName: 'Destination', type: 'LinkedServiceReference' }, typeProperties: { folderPath: 'x', format: { type: 'JsonFormat', filePattern: 'setOfObjects' } } }; }) },
    { name: 'JSON in Synapse artifacts', template: workspaceCopy({}) },
  ],
  invalid: [
    { name: 'Parquet straight out of Microsoft 365', template: factoryCopy((p) => { p.sink = { type: 'ParquetSink', storeSettings: { type: 'AzureBlobFSWriteSettings' } }; }), errors: [{ message: /CopyFromO365ToBlob copies Microsoft 365 data with ParquetSink; a copy out of Microsoft 365 writes JSON \(type setOfObjects\) or Binary only/, line: 165, column: 25 }] },
    { name: 'CSV in Synapse artifacts', template: workspaceCopy({}, (p) => { p.sink = { type: 'DelimitedTextSink' }; }), errors: [{ message: /with DelimitedTextSink/, line: 126, column: 29 }] },
    { name: 'a JSON sink writing a Parquet dataset', template: factoryCopy((p) => { p.output = { ...p.output, type: 'Parquet' }; }), errors: [{ message: /into the Parquet dataset/, line: 111, column: 17 }] },
    { name: 'the older model with a text format', template: factoryCopy((p) => { p.sink = { type: 'BlobSink' }; p.output = { type: 'AzureBlob', linkedServiceName: { referenceName: 'Destination', type: 'LinkedServiceReference' }, typeProperties: { folderPath: 'x', format: { type: 'TextFormat' } } }; }), errors: [{ message: /as TextFormat/, line: 119, column: 21 }] },
  ],
});
