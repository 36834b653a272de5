import { describeMessageStoreContract } from './message-store.contract.js';
import { MemoryMessageStore } from './message-store.memory.js';

describeMessageStoreContract('in memory', () => new MemoryMessageStore());
