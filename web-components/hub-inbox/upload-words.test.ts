// <hub-inbox>'s words for a refused upload: the upload route's codes in the attachment strings
// (as in <hub-chat>), the others in the inbox's own fallback, with Retry only where it can pass.
import { describe, expect, it } from 'vitest';
import { describeUploadFailure } from '../hub-chat/attachments/upload-failure.js';
import { I18n } from '../shared/i18n/i18n.js';
import { inboxUploadWords } from './upload-words.js';

const en = new I18n('en');
const fr = new I18n('fr');
const words = (code: string, message = '', i18n = en) =>
  describeUploadFailure(code, message, i18n, inboxUploadWords);

describe('inboxUploadWords', () => {
  it('says the route’s own refusals in the attachment strings, with no retry', () => {
    expect(words('payload_too_large', 'files may be at most 2000000 bytes')).toEqual({
      text: 'Too large: files may be at most 2 MB.',
      canRetry: false,
    });
    expect(words('unsupported_type', '.svg files are not allowed here', fr)).toEqual({
      text: 'Refusé : ce type de fichier n’est pas accepté ici.',
      canRetry: false,
    });
  });
  it('offers Retry when the connection or the hub failed', () => {
    expect(words('disconnected')).toEqual({ text: 'Not sent: the connection was lost.', canRetry: true });
    expect(words('not_ready', 'attachments are not configured')).toEqual({
      text: 'Not sent: the hub is busy or restarting.',
      canRetry: true,
    });
    expect(words('rate_limited', 'slow down').canRetry).toBe(true);
  });
  it('gives other refusals the hub’s reason, final', () => {
    expect(words('not_found', 'No such support conversation.')).toEqual({
      text: 'Not sent: No such support conversation.',
      canRetry: false,
    });
    expect(words('forbidden', 'agents only')).toEqual({
      text: 'Only support agents can use the inbox.',
      canRetry: false,
    });
    expect(words('bad_request')).toEqual({ text: 'Not sent.', canRetry: false });
  });
});
