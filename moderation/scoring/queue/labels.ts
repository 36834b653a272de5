// Moderators' decisions as training labels for the spam model. The rule, kept narrow on purpose
// (a wrong label teaches the model a wrong lesson for every community):
// - 'approve' → ham: a moderator looked at the message and let it stand.
// - 'remove' / 'warn' / 'timeout' / 'kick' / 'ban' → spam, but only when the case was about
//   spam: scoring flagged it with a spam component over the classifier's threshold (its spam
//   risk ≥ SPAM_AT_THRESHOLD), or a member reported it with a reason naming spam (spam, scam,
//   phishing, advert…). A message removed for abuse or profanity is bad, not spam: no label.
// - an appeal overturned → ham (the removal was a mistake); an appeal upheld changes nothing.
// Empty texts (nothing left to learn from) give no label.
//
// The text is read when the decision is recorded, before its effect: a removal empties the body.
import type { Connection } from 'mongoose';
import type { ModerationCaseDoc } from '../../../storage/repositories/types.js';
import { getMessage } from '../../../storage/repositories/messages.js';
import { putSpamLabel, type NewSpamLabel } from '../../../storage/repositories/spam-training.js';
import { SPAM_AT_THRESHOLD } from './risk.js';

const SPAM_REASON = /\b(spam|spamm\w*|scam\w*|phish\w*|advert\w*|promo\w*|bot)\b/i;

/** Whether the case was opened, or joined, for spam. */
export function caseIsAboutSpam(c: Pick<ModerationCaseDoc, 'flags' | 'scores'>): boolean {
  if (c.flags.some((f) => f.by !== 'scoring' && f.by !== 'automod' && SPAM_REASON.test(f.reason)))
    return true;
  try {
    const scores = JSON.parse(c.scores) as { scoring?: { spam?: { risk?: unknown } } };
    const risk = scores.scoring?.spam?.risk;
    return typeof risk === 'number' && risk >= SPAM_AT_THRESHOLD;
  } catch {
    return false;
  }
}

/** The label a decision gives, or null: see the rule above. */
export function labelFor(action: string, c: Pick<ModerationCaseDoc, 'flags' | 'scores'>): boolean | null {
  if (action === 'approve' || action === 'appeal.overturned') return false;
  if (['remove', 'warn', 'timeout', 'kick', 'ban'].includes(action)) return caseIsAboutSpam(c) ? true : null;
  return null;
}

export interface PendingLabel {
  /** Stores the label; never throws (a lost label costs one training example, not a decision). */
  store(): Promise<void>;
}

/**
 * Reads what the label of this decision needs now (the message's text), and returns what
 * stores it once the decision took effect; null when the decision gives no label.
 */
export async function labelFromDecision(
  connection: Connection,
  c: ModerationCaseDoc,
  action: string,
  by: string,
): Promise<PendingLabel | null> {
  try {
    const spam = labelFor(action, c);
    if (spam === null) return null;
    const message = await getMessage(connection, c.messageId);
    const text = message?.body.trim() ?? '';
    if (text === '') return null;
    const label: NewSpamLabel = {
      messageId: c.messageId,
      communityId: c.communityId,
      authorId: c.authorId,
      text,
      spam,
      source: action,
      by,
    };
    return { store: () => putSpamLabel(connection, label).catch(() => undefined) };
  } catch {
    return null;
  }
}
