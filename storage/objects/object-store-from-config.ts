// The one place an ObjectStore is built from configuration: GridFS on the hub's MongoDB
// connection (the default: nothing new to run), or S3 (`HUB_OBJECTS_BACKEND=s3`, `HUB_S3_*`).
import type { Config } from '../../config/index.js';
import type { MongoConnection } from '../mongo.js';
import { GridFsObjectStore } from './object-store.gridfs.js';
import type { ObjectStore } from './object-store.js';
import { S3ObjectStore } from './object-store.s3.js';

export function objectStoreFromConfig(
  config: Pick<Config, 'objects' | 's3'>,
  mongoConnection: MongoConnection,
): ObjectStore {
  if (config.objects.backend === 'gridfs') return new GridFsObjectStore(mongoConnection);
  const { s3 } = config;
  // The schema refuses backend s3 without a bucket, and one credential without the other.
  if (!s3.bucket) throw new Error('object store: s3.bucket is required with objects.backend s3');
  return new S3ObjectStore({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials:
      s3.accessKeyId && s3.secretAccessKey
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
  });
}
