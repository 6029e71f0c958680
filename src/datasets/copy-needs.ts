// What the Data Connect copy needs of the storage it writes to, beyond a data role: the data actions a managed
// application's deny assignment must exempt for the copy's Entra application to write the JSON (and the Parquet)
// and read the JSON back to convert it (offer/check-data-connect.ts says why).

export const COPY_DATA_ACTIONS = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
];
