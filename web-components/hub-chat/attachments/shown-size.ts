// The size a message's image is shown at: the attachment list reserves it (the thumbnail's
// width and height) before the image loads, so the list does not jump. Pure: unit-tested.
import type { ApiAttachment } from '../../shared/api.js';

/** The largest side a thumbnail is shown at (the hub's thumbnails are at most 400 px). */
export const SHOWN_PX = 320;

/** The shown size of an image: its own, scaled down to fit SHOWN_PX. */
export function shownSize(a: Pick<ApiAttachment, 'width' | 'height'>): { width: number; height: number } {
  const w = a.width ?? SHOWN_PX;
  const h = a.height ?? SHOWN_PX;
  const scale = Math.min(1, SHOWN_PX / Math.max(w, h));
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}
