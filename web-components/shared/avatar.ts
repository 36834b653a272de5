// A person's avatar: their profile picture when the hub gives one (https only, loaded without a
// referrer), over their initials on a colour picked from their id (the same person has the same
// colour everywhere; white text on every colour at WCAG AA), which show when there is no
// picture or it fails to load.
import { html, nothing, type TemplateResult } from 'lit';

/** Colours with at least 4.5:1 contrast against white text, in light and dark themes alike. */
export const AVATAR_COLOURS = [
  '#3451b2',
  '#0f766e',
  '#9a3412',
  '#6d28d9',
  '#15803d',
  '#b91c1c',
  '#86198f',
  '#a23b72',
];

/** Up to two initials of a name. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .map((w) => w.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** The colour of an id: a string hash, so it never changes between pages or sessions. */
export function avatarColour(id: string): string {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? '#3451b2';
}

/** A picture that failed to load leaves the initials under it. */
const hide = (e: Event) => ((e.target as HTMLElement).hidden = true);

/** The avatar (decorative: the name is always written beside it). */
export const renderAvatar = (id: string, name: string, picture?: string): TemplateResult =>
  html`<span class="avatar" part="avatar" aria-hidden="true" style="background:${avatarColour(id)}"
    >${initials(name)}${
      /^https:/.test(picture ?? '')
        ? html`<img src=${picture} alt="" referrerpolicy="no-referrer" @error=${hide} />`
        : nothing
    }</span
  >`;
