// Links in a message and whether a domain list allows them. Found: URLs with any scheme
// (hxxp:// included), www. hosts, bare domains whose top-level domain is a common one
// ("example.com/x"; a list, so that "node.js" or "setup.py" are not links), IPv4 addresses
// with a scheme, a path or a port, and the usual disguises of the dot: example[.]com,
// example(dot)com, "example dot com", full-width and ideographic full stops. Not links: e-mail
// addresses. The scan is linear: it starts from each dot and never revisits a host.

/** Top-level domains recognized without a scheme: popular ones, minus those that read as words after a dot ("i.am", "this.is", "user.id"). */
const BARE_TLDS = new Set(
  (
    'com net org edu gov mil int io co ai app dev gg me tv ly to cc ws xyz info biz online site store shop ' +
    'club live link top vip icu buzz loan tk ml ga cf gq su ru ua by kz cn jp kr in th vn ph sg my hk tw au nz ' +
    'uk de fr es it nl be ch at se no dk fi pl cz sk hu ro bg gr pt ie br ar mx cl pe ve ca us eu asia ae sa ' +
    'tr za ng ke eg fm la nu gl bz'
  ).split(' '),
);
const KNOWN_TLD_WORDS = [...BARE_TLDS].join('|');

const NON_ASCII = /[\u0080-\uffff]/;
const INVISIBLE = /\p{Cf}/gu;
const OTHER_FULL_STOPS = /[\u3002\uff0e\uff61]/g;
/** example[.]com, example(dot)com, example {.} com */
const BRACKETED_DOT = /\s?[[({<]\s?(?:\.|dot)\s?[\])}>]\s?/g;
/** "example dot com", only before a known top-level domain and not after a little word ("the dot com bubble"). */
const SPELLED_DOT = new RegExp(
  `(?<!\\b(?:the|a|an|of|to|in|at|on|my|your|our|his|her|their|its|this|that)) dot (?=(?:${KNOWN_TLD_WORDS})\\b)`,
  'g',
);
const BRACKETED_COLON = /\[:\]/g;
const LABEL_CHAR = /[\p{L}\p{N}]/u;
const MAX_LABEL = 63;

/** Folds what disguises a link: case, compatibility forms, invisible characters, written dots. */
function prepare(body: string): string {
  let s = body;
  if (NON_ASCII.test(s)) s = s.normalize('NFKC').replace(INVISIBLE, '').replace(OTHER_FULL_STOPS, '.');
  s = s.toLowerCase();
  if (s.includes('dot') || /[[({<]/.test(s)) s = s.replace(BRACKETED_DOT, '.').replace(SPELLED_DOT, '.');
  if (s.includes('[:]')) s = s.replace(BRACKETED_COLON, ':');
  return s;
}

function isHostCharAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46) return true;
  return c > 127 && LABEL_CHAR.test(s.charAt(i));
}

/** The hosts linked to in a message, lower-cased, each once. */
export function findLinks(body: string): string[] {
  const s = prepare(body);
  const hosts: string[] = [];
  let scannedTo = 0;
  for (let dot = s.indexOf('.'); dot !== -1; dot = s.indexOf('.', dot + 1)) {
    if (dot < scannedTo) continue;
    let start = dot;
    let end = dot + 1;
    while (start > 0 && isHostCharAt(s, start - 1)) start--;
    while (end < s.length && isHostCharAt(s, end)) end++;
    scannedTo = end;
    // Trailing and leading dots and hyphens are punctuation ("see example.com.").
    while (start < end && (s[start] === '.' || s[start] === '-')) start++;
    while (end > start && (s[end - 1] === '.' || s[end - 1] === '-')) end--;
    const host = s.slice(start, end);
    if (isLink(s, start, end, host) && !hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

function isLink(s: string, start: number, end: number, host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > MAX_LABEL)) return false;
  if (s[start - 1] === '@' && !s.slice(0, start).includes('://')) return false; // an e-mail address
  const scheme = s.startsWith('://', start - 3);
  const path = s[end] === '/' || (s[end] === ':' && /\d/.test(s[end + 1] ?? ''));
  if (labels.length === 4 && labels.every((l) => /^\d{1,3}$/.test(l) && Number(l) <= 255))
    return scheme || path;
  const tld = labels[labels.length - 1] as string;
  if (/\d/.test(tld)) return false;
  return scheme || host.startsWith('www.') || BARE_TLDS.has(tld);
}

/** A domain of an allow list as hosts are compared with it: "https://www.Example.com/" → "example.com". */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^\*\./, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** Whether a host is one of the domains or a subdomain of one. */
export function hostAllowed(host: string, domains: readonly string[]): boolean {
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  return domains.some((d) => bare === d || bare.endsWith(`.${d}`));
}
