// The pure parts of <hub-chat>'s attachments: the shown size of an image, a file's size in
// words, and an upload's refusal in words (with whether a retry can pass).
import { describe, expect, it } from 'vitest';
import { I18n } from '../../shared/i18n/i18n.js';
import { describeFailure } from '../send-failure.js';
import { formatBytes } from './file-size.js';
import { shownSize } from './shown-size.js';
import { describeUploadFailure } from './upload-failure.js';

const en = new I18n('en');

describe('shownSize', () => {
  it('scales a large image down to 320 px on its longer side, keeping its ratio', () => {
    expect(shownSize({ width: 600, height: 300 })).toEqual({ width: 320, height: 160 });
    expect(shownSize({ width: 300, height: 900 })).toEqual({ width: 107, height: 320 });
  });
  it('keeps a small image at its own size', () => {
    expect(shownSize({ width: 120, height: 80 })).toEqual({ width: 120, height: 80 });
  });
});

describe('formatBytes', () => {
  it('uses decimal units in the locale', () => {
    expect(formatBytes(999, 'en')).toBe('999 byte');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(1_500_000, 'fr')).toMatch(/^1,5\sMo$/);
  });
});

describe('describeUploadFailure', () => {
  it('names the limit of a file too large', () => {
    const f = describeUploadFailure(
      'payload_too_large',
      'files may be at most 2000000 bytes',
      en,
      describeFailure,
    );
    expect(f).toEqual({ text: 'Too large: files may be at most 2 MB.', canRetry: false });
  });
  it('says why a type is refused, with no retry', () => {
    expect(
      describeUploadFailure('unsupported_type', '.svg files are not allowed here', en, describeFailure),
    ).toEqual({
      text: 'Not allowed: this type of file cannot be shared here.',
      canRetry: false,
    });
  });
  it('asks to send the files waiting before retrying one over the pending cap', () => {
    const message = 'at most 50 uploads may wait to be sent here; send them, or wait for them to expire';
    expect(describeUploadFailure('pending_upload_limit', message, en, describeFailure)).toEqual({
      text: 'Too many of your files are waiting to be sent here: send them, then retry.',
      canRetry: true,
    });
  });
  it('gives AutoMod its reason and the network a retry, in the send-failure wording', () => {
    expect(describeUploadFailure('automod_blocked', 'no archives here', en, describeFailure).text).toBe(
      'Blocked: no archives here',
    );
    expect(describeUploadFailure('disconnected', '', en, describeFailure)).toEqual({
      text: 'Not sent: the connection was lost.',
      canRetry: true,
    });
  });
});
