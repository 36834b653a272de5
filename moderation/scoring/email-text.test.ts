import { describe, expect, it } from 'vitest';
import { decodeHeader, emailText, htmlToText } from './email-text.js';

const mail = (headers: string, body: string): string => `${headers}\n\n${body}`;

describe('emailText', () => {
  it('keeps the subject and the body, drops the headers', () => {
    const text = emailText(
      mail('From: a@example.com\nSubject: Lunch\n on Friday?\nX-Spam: no', 'See you at noon.'),
    );
    expect(text).toBe('Lunch on Friday?\nSee you at noon.');
  });

  it('decodes quoted-printable and base64 bodies and encoded subjects', () => {
    const qp = mail(
      'Subject: =?utf-8?Q?Caf=C3=A9_prices?=\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain; charset=utf-8',
      'Two caf=C3=A9s for 5=\n euros',
    );
    expect(emailText(qp)).toBe('Café prices\nTwo cafés for 5 euros');
    const b64 = mail(
      'Subject: =?iso-8859-1?B?' +
        Buffer.from('Réunion', 'latin1').toString('base64') +
        '?=\nContent-Transfer-Encoding: base64',
      Buffer.from('Win a free cruise now').toString('base64'),
    );
    expect(emailText(b64)).toBe('Réunion\nWin a free cruise now');
  });

  it('prefers the plain part of an alternative and reads HTML as text elsewhere', () => {
    const alternative = mail(
      'Subject: Offer\nContent-Type: multipart/alternative; boundary="b1"',
      [
        '--b1',
        'Content-Type: text/html',
        '',
        '<p>HTML version</p>',
        '--b1',
        'Content-Type: text/plain',
        '',
        'Plain version',
        '--b1--',
      ].join('\n'),
    );
    expect(emailText(alternative)).toBe('Offer\nPlain version');
    const mixed = mail(
      'Subject: Files\nContent-Type: multipart/mixed; boundary=zz',
      [
        '--zz',
        'Content-Type: text/html',
        '',
        '<style>p{color:red}</style><p>Click&nbsp;<a href="http://x.example">here</a> &amp; save&#33;</p>',
        '--zz',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="a.bin"',
        '',
        'AAAA',
        '--zz--',
      ].join('\n'),
    );
    expect(emailText(mixed)).toBe('Files\nClick here & save!');
  });

  it('reads entities and encoded words on their own', () => {
    expect(htmlToText('a&lt;b&gt;&#x41;')).toBe('a<b>A');
    expect(decodeHeader('plain subject')).toBe('plain subject');
  });
});
