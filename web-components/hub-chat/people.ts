// Who <hub-chat> knows by name in the open channel: a user's name (present, or an author of the
// messages held), and the people the composer suggests for "@".
import type { ChannelController } from '../shared/channel-controller.js';

/** A user's name as the channel knows it; their id when it does not. */
export function nameIn(channel: ChannelController, userId: string): string {
  const present = channel.presence.get(userId)?.name;
  if (present) return present;
  for (const m of channel.store.list()) if (m.author.id === userId) return m.author.name;
  return userId;
}

/** People the composer suggests for "@": who is here, then recent authors; not the member. */
export function mentionableIn(
  channel: ChannelController,
  meId: string | undefined,
): { id: string; name: string }[] {
  const people = new Map<string, string>();
  for (const p of channel.presence.values()) people.set(p.id, p.name);
  for (const m of channel.store.list().slice(-200)) people.set(m.author.id, m.author.name);
  people.delete(meId ?? '');
  return [...people].map(([id, name]) => ({ id, name }));
}
