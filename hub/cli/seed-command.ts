// `hub seed`: loads the demo data into the configured database (idempotent; refused in
// production so it never lands among real users).
import type { Config } from '../../config/index.js';
import { seedDemoCommunities } from '../../community/seed.js';
import { seedLiveSessions } from '../../media/sessions/seed.js';
import { seedModeration } from '../../moderation/seed.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { connectMongo } from '../../storage/mongo.js';

export async function runSeedCommand(config: Config): Promise<number> {
  if (config.env === 'production') {
    console.error('hub: the demo seed is for development and test databases only.');
    return 2;
  }
  const connection = await connectMongo(config.mongodb.url);
  try {
    await syncModelIndexes(connection);
    const seed = await seedDemoCommunities(connection);
    await seedModeration(
      connection,
      seed.communities.map((c) => c.id),
    );
    const liveSessions = await seedLiveSessions(connection, seed.communities);
    console.log(JSON.stringify({ ...seed, liveSessions }, null, 2));
    return 0;
  } finally {
    await connection.close();
  }
}
