// The demo data of `npm start`: the storage seed (communities, channels, members of every role,
// history). Each seeded message is stored as its one record, which is also its channel's log row
// (epoch SEED_EPOCH), so the gateway continues each channel's offsets after the seeded ones and
// clients can recover and page through them like any other.
import type { Connection } from 'mongoose';
import { IMPORTED_EPOCH } from '../storage/repositories/messages.js';
import { seedDemo, type DemoSeed } from '../storage/seed.js';
import { DEFAULT_ROLES } from './permissions/default-roles.js';

export const SEED_EPOCH = IMPORTED_EPOCH;

export async function seedDemoCommunities(connection: Connection): Promise<DemoSeed> {
  return seedDemo(connection, DEFAULT_ROLES);
}
