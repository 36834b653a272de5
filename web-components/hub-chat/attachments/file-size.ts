// A file's size as people read it ("1.5 MB", "820 kB"), in the member's locale through Intl:
// decimal units, as file managers and the hub's limits use. Pure; shared by the attachment list
// (main bundle) and the upload chips (lazy chunk).
const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];

export function formatBytes(bytes: number, locale: string): string {
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < UNITS.length - 1) {
    n /= 1000;
    u++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[u],
    unitDisplay: 'short',
    maximumFractionDigits: u ? 1 : 0,
  }).format(n);
}
