// Read-only, https-only SAS for one blob: a user-delegation SAS signed with a key Entra credentials obtain
// (no account key involved), or an account-key SAS when a key is given.

import type { BlobServiceClient } from '@azure/storage-blob';
import { load } from './lazy-module.js';

export interface SasRequest {
  account: string;
  container: string;
  blobName: string;
  startsOn: Date;
  expiresOn: Date;
  accountKey?: string;
}

/** The SAS query string (without '?'). Secret: callers must not print it unredacted. */
export async function readOnlyBlobSas(service: BlobServiceClient, r: SasRequest): Promise<string> {
  const storage = await load(import('@azure/storage-blob'));
  const values = { containerName: r.container, blobName: r.blobName, permissions: storage.BlobSASPermissions.parse('r'), startsOn: r.startsOn, expiresOn: r.expiresOn, protocol: storage.SASProtocol.Https };
  if (r.accountKey) return storage.generateBlobSASQueryParameters(values, new storage.StorageSharedKeyCredential(r.account, r.accountKey)).toString();
  const key = await service.getUserDelegationKey(r.startsOn, r.expiresOn);
  // Sign with the service version that issued the key: every service that issued it understands it.
  return storage.generateBlobSASQueryParameters({ ...values, version: key.signedVersion }, key, r.account).toString();
}
