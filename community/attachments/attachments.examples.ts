// Examples of the attachment routes for docs/openapi.json: a photo uploaded to #general, with the
// signed download links the routes hand out, and the refusals of an upload (support's too). hub/openapi-examples.test.ts checks them against the
// routes' schemas, so one left behind by a schema change fails there. A download is the file.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const id = '6571c8e3c9e77a0012ab5210';
const link = (variant: 'file' | 'thumb') =>
  `/api/v1/attachments/${id}?v=${variant}&u=member-42&exp=1796636100&sig=` +
  (variant === 'file'
    ? '5d0c1f3e9a7b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d'
    : 'a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6');
const photo = {
  id,
  name: 'glaze-test.jpg',
  size: 482133,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1200,
  thumbnail: true,
  url: link('file'),
  thumbnailUrl: link('thumb'),
};

/** What an upload may be refused with, as the upload routes word it (nothing is stored). */
export const uploadRefusals = [
  { code: 'payload_too_large', message: 'files may be at most 26214400 bytes' },
  { code: 'unsupported_type', message: '.svg files are not allowed here' },
  { code: 'file_mismatch', message: 'the bytes are application/pdf, not what the name says' },
  {
    code: 'pending_upload_limit',
    message: 'at most 50 uploads may wait to be sent here; send them, or wait for them to expire',
  },
] as const;

export const attachmentsExamples = {
  uploadAttachment: { response: photo, errors: uploadRefusals },
  listMessageAttachments: { response: { items: [photo], expiresInS: 300 } },
  downloadAttachment: {},
} satisfies Record<string, RouteExamples>;
