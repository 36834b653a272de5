// Why an agent's upload failed, in words, for the codes the upload route's own strings do not
// cover (hub-chat/attachments/upload-failure.ts says oversize, refused type, mismatch and too
// many pixels): the connection or the hub down (Retry can pass), a member's account, anything
// else with the hub's message. <hub-chat> hands its send-failure wording instead; <hub-inbox>
// has none, and importing it would split it out of the chat's bundle. Pure: unit-tested.
import type { FailureWords } from '../hub-chat/attachments/upload-failure.js';

/** The hub or the network: the same file may pass later. */
const RETRYABLE = new Set(['disconnected', 'timeout', 'internal', 'not_ready', 'shutting_down']);

export const inboxUploadWords: FailureWords = ({ code, message }, _body, i18n) => {
  if (code === 'disconnected') return { text: i18n.t('send.offline'), canRetry: true };
  if (RETRYABLE.has(code)) return { text: i18n.t('send.unavailable'), canRetry: true };
  if (code === 'rate_limited') return { text: i18n.t('send.rateLimited'), canRetry: true };
  if (code === 'forbidden') return { text: i18n.t('inbox.notAgent'), canRetry: false };
  return {
    text: message ? i18n.t('send.invalid', { reason: message }) : i18n.t('send.failed'),
    canRetry: false,
  };
};
