// The S3-compatible server of the tests: the test profile's SeaweedFS (config/ports.json, started
// by scripts/services.sh with the identity of scripts/lib.sh), unless HUB_S3_ENDPOINT and
// friends point elsewhere, as in CI against an external server.
import { CreateBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { localPorts } from '../../config/index.js';
import type { S3StoreOptions } from '../../storage/objects/object-store.s3.js';

/** The local SeaweedFS's one identity, as scripts/lib.sh writes it into its S3 config. */
const LOCAL_ACCESS_KEY = 'hubbub-local';
const LOCAL_SECRET_KEY = 'hubbub-local-secret';

export function testS3Options(): S3StoreOptions {
  const env = process.env;
  return {
    endpoint: env['HUB_S3_ENDPOINT'] ?? `http://127.0.0.1:${localPorts.test.s3}`,
    bucket: env['HUB_S3_BUCKET'] ?? 'hubbub-test',
    region: env['HUB_S3_REGION'] ?? 'us-east-1',
    forcePathStyle: (env['HUB_S3_FORCE_PATH_STYLE'] ?? 'true') === 'true',
    credentials: {
      accessKeyId: env['HUB_S3_ACCESS_KEY_ID'] ?? LOCAL_ACCESS_KEY,
      secretAccessKey: env['HUB_S3_SECRET_ACCESS_KEY'] ?? LOCAL_SECRET_KEY,
    },
  };
}

/** Creates the tests' bucket unless it is there already. */
export async function ensureTestBucket(options: S3StoreOptions): Promise<void> {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
  } catch (err) {
    const name = err instanceof S3ServiceException ? err.name : '';
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
  } finally {
    client.destroy();
  }
}
