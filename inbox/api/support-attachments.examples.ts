// Examples of the support attachment routes for docs/openapi.json: member-42 attaches the host's
// cancellation notice to a conversation not started yet, shows the receipt of the cancelled class, and reads the
// links to an agent's answer's file. hub/openapi-examples.test.ts
// checks them against the routes' schemas. Their refusals are the channel upload's.
import { uploadRefusals } from '../../community/attachments/attachments.examples.js';
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const link = (id: string, variant: 'file' | 'thumb', sig: string) =>
  `/api/v1/attachments/${id}?v=${variant}&u=member-42&exp=1796636100&sig=${sig}`;

const receiptId = '6571c9b2c9e77a0012ab5220';
const receipt = {
  id: receiptId,
  name: 'receipt.png',
  size: 91204,
  contentType: 'image/png',
  width: 900,
  height: 1400,
  thumbnail: true,
  url: link(receiptId, 'file', '7e1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f'),
  thumbnailUrl: link(receiptId, 'thumb', 'c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4'),
};

const refundId = '6571c9c8c9e77a0012ab5231';
const refund = {
  id: refundId,
  name: 'refund-confirmation.pdf',
  size: 40211,
  contentType: 'application/pdf',
  width: null,
  height: null,
  thumbnail: false,
  url: link(refundId, 'file', '0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d'),
  thumbnailUrl: null,
};

/** The host's cancellation notice, uploaded before the conversation about it is started. */
export const noticeDescriptor = {
  id: '6571c7c8c9e77a0012ab50f0',
  name: 'cancellation-notice.png',
  size: 58211,
  contentType: 'image/png',
  width: 1080,
  height: 1920,
  thumbnail: true,
};
const notice = {
  ...noticeDescriptor,
  url: link(noticeDescriptor.id, 'file', '5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f'),
  thumbnailUrl: link(
    noticeDescriptor.id,
    'thumb',
    'a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0',
  ),
};

export const supportAttachmentExamples = {
  uploadSupportAttachment: { response: receipt, errors: uploadRefusals },
  uploadNewSupportAttachment: { response: notice, errors: uploadRefusals },
  listSupportMessageAttachments: { response: { items: [refund], expiresInS: 300 } },
} satisfies Record<string, RouteExamples>;
