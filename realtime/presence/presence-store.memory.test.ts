import { describePresenceStoreContract } from './presence-store.contract.js';
import { MemoryPresenceStore } from './presence-store.memory.js';

describePresenceStoreContract('in memory', (clock) => new MemoryPresenceStore(clock));
