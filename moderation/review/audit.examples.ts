// Examples of the audit log routes for docs/openapi.json: the two newest entries of a community's
// hash-chained log. hub/openapi-examples.test.ts checks them against the routes' schemas, so one
// left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const auditExamples = {
  listAudit: {
    response: {
      items: [
        {
          seq: 88,
          actorId: 'moderator-3',
          action: 'case.decide',
          target: { type: 'case', id: '6571c410c9e77a0012ab4e19' },
          details: {
            messageId: '6571b3a0c9e77a0012ab3d07',
            action: 'remove',
            reason: 'Spam links, second time this week',
            durationS: null,
          },
          at: 1796636800000,
          prevHash: '4b8e0c2a9d7f1e3b5a6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a',
          hash: '9f2c4e1d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
        },
        {
          seq: 87,
          actorId: 'moderator-3',
          action: 'case.claim',
          target: { type: 'case', id: '6571c410c9e77a0012ab4e19' },
          details: { messageId: '6571b3a0c9e77a0012ab3d07' },
          at: 1796636700000,
          prevHash: '1a3c5e7f9b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a',
          hash: '4b8e0c2a9d7f1e3b5a6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a',
        },
      ],
      nextBefore: 87,
    },
  },
  verifyAudit: { response: { ok: true, brokenAt: null } },
} satisfies Record<string, RouteExamples>;
