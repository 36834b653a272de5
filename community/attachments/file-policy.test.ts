import { describe, expect, it } from 'vitest';
import { cleanName, downloadHeaders, nameForType } from './file-policy.js';

describe('file policy', () => {
  it('keeps the base name of a path and refuses control characters', () => {
    expect(cleanName('C:\\Users\\ann\\leak.jpg')).toEqual({ ok: true, name: 'leak.jpg' });
    expect(cleanName('../../etc/passwd')).toEqual({ ok: true, name: 'passwd' });
    expect(cleanName('a\nb.txt').ok).toBe(false);
    expect(cleanName('dir/..').ok).toBe(false);
  });

  it('accepts a name only when its extension agrees with the sniffed type', () => {
    expect(nameForType('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(nameForType('photo', 'image/png')).toBe('photo.png');
    expect(nameForType('invoice.pdf', 'image/png')).toBeNull();
    expect(nameForType('readme', 'text/plain')).toBeNull();
  });

  it('never serves anything but raster images inline', () => {
    expect(downloadHeaders('image/png', 'a.png')['content-disposition']).toMatch(/^inline;/);
    const pdf = downloadHeaders('application/pdf', 'ré"sumé.pdf');
    expect(pdf['content-disposition']).toBe(
      `attachment; filename="r__sum_.pdf"; filename*=UTF-8''r%C3%A9%22sum%C3%A9.pdf`,
    );
    expect(pdf['x-content-type-options']).toBe('nosniff');
    expect(downloadHeaders('image/svg+xml', 'x.svg')['content-type']).toBe('application/octet-stream');
  });
});
