// The text of a publication frame, built in one place. The Lua publish script prepends
// `{"type":"pub","offset":N,"epoch":"E",` to the tail made here; frames rebuilt from the
// message store use the same two halves, so a recovered frame is identical to the live one.
import type { ClientInfo } from '../../protocol/index.js';

/** Everything of a pub frame after its offset and epoch, without the opening brace. */
export function pubTail(channel: string, data: string, info: ClientInfo, ts: number): string {
  return `"channel":${JSON.stringify(channel)},"data":${data},"info":${JSON.stringify({ id: info.id, name: info.name })},"ts":${ts}}`;
}

export function pubFrame(offset: number, epoch: string, tail: string): string {
  return `{"type":"pub","offset":${offset},"epoch":${JSON.stringify(epoch)},${tail}`;
}

const OFFSET_AT_START = /^\{"type":"pub","offset":(\d+),/;

/** The offset of a pub frame, read without parsing it; undefined for other frames. */
export function offsetOf(frame: string): number | undefined {
  const m = OFFSET_AT_START.exec(frame);
  return m ? Number(m[1]) : undefined;
}
