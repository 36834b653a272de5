// The ObjectStore contract on S3, against the test profile's SeaweedFS (test/support/s3.ts);
// and on an endpoint nothing listens on.
import { beforeAll } from 'vitest';
import { ensureTestBucket, testS3Options } from '../../test/support/s3.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { S3ObjectStore } from './object-store.s3.js';

const options = testS3Options();
beforeAll(() => ensureTestBucket(options));

describeObjectStoreContract('S3', () => new S3ObjectStore(options), {
  directUrls: true,
  unreachable: () => new S3ObjectStore({ ...options, endpoint: 'http://127.0.0.1:1' }),
});
