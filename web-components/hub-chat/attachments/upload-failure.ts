// Why an upload was refused, in words, and whether trying the same file again can succeed:
// the upload route's codes (docs/community.md#attachments) in the attachment strings, the rest
// (AutoMod, rate limits, the hub or the network down) in the send-failure wording
// (../send-failure.ts). Pure: unit-tested.
import type { I18n } from '../../shared/i18n/i18n.js';
import { formatBytes } from './file-size.js';
import { attachStrings } from './attach-strings.js';

export interface UploadFailure {
  text: string;
  canRetry: boolean;
}

/** The words of the other codes: ../send-failure.ts's describeFailure in <hub-chat>; a widget
 * without it (<hub-inbox>) hands its own. */
export type FailureWords = (
  error: { code: string; message: string },
  body: string,
  i18n: I18n,
) => UploadFailure;

/** The upload route's `payload_too_large` message names the limit in bytes. */
const LIMIT = /(\d+) bytes/;

/** `fallback`: ../send-failure.ts's describeFailure, handed over by the composer (so this chunk
 * does not split it out of the main bundle). */
export function describeUploadFailure(
  code: string,
  message: string,
  i18n: I18n,
  fallback: FailureWords,
): UploadFailure {
  const final = (text: string) => ({ text, canRetry: false });
  const words = attachStrings(i18n.locale);
  if (code === 'payload_too_large') {
    const max = LIMIT.exec(message)?.[1];
    return final(max ? words.tooLarge(formatBytes(Number(max), i18n.locale)) : message);
  }
  if (code === 'unsupported_type') return final(words.unsupported);
  if (code === 'file_mismatch') return final(words.mismatch);
  if (code === 'image_too_large') return final(words.imageTooLarge);
  // Sending the files waiting frees their places: the same file may then be retried.
  if (code === 'pending_upload_limit') return { text: words.tooManyPending, canRetry: true };
  const view = fallback({ code, message }, '', i18n);
  return { text: view.text, canRetry: view.canRetry };
}
