import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/support/database.js';
import type { MongoConnection } from '../mongo.js';
import { RepositoryError } from './errors.js';
import {
  eraseSpamLabels,
  getSpamModel,
  latestSpamModelVersion,
  listSpamLabels,
  putSpamLabel,
  storeSpamModel,
} from './spam-training.js';

describe('spam training data', () => {
  let connection: MongoConnection;
  useTestDatabase((c) => (connection = c));
  const communityId = new Types.ObjectId();
  const figures = { recall: 0.95, fpr: 0.004, mcc: 0.95 };

  it('keeps one label per message, the latest judgement winning', async () => {
    const messageId = new Types.ObjectId();
    const base = { messageId, communityId, authorId: 'bob', text: 'win a prize', by: 'mod' };
    await putSpamLabel(connection, { ...base, spam: true, source: 'remove' });
    await putSpamLabel(connection, { ...base, spam: false, source: 'appeal.overturned', by: 'mod2' });
    const labels = (await listSpamLabels(connection)).filter((l) => l.messageId.equals(messageId));
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ spam: false, source: 'appeal.overturned', by: 'mod2' });
    await expect(
      putSpamLabel(connection, { ...base, text: '', spam: true, source: 'remove' }),
    ).rejects.toThrow(RepositoryError);
  });

  it('erases the labels of an erased author, and pseudonymizes them as labeller', async () => {
    await putSpamLabel(connection, {
      messageId: new Types.ObjectId(),
      communityId,
      authorId: 'gone',
      text: 'my words',
      spam: true,
      source: 'remove',
      by: 'mod',
    });
    await putSpamLabel(connection, {
      messageId: new Types.ObjectId(),
      communityId,
      authorId: 'ann',
      text: 'hello there',
      spam: false,
      source: 'approve',
      by: 'gone',
    });
    expect(await eraseSpamLabels(connection, 'gone', 'u_pseudo')).toBe(1);
    const labels = await listSpamLabels(connection);
    expect(labels.some((l) => l.authorId === 'gone' || l.by === 'gone')).toBe(false);
    expect(labels.find((l) => l.authorId === 'ann')?.by).toBe('u_pseudo');
  });

  it('stores models under growing versions; a second model on the same base is a conflict', async () => {
    expect(await latestSpamModelVersion(connection)).toBe(0);
    const model = { artifact: '{}', labels: 3, validation: figures, replaced: figures };
    expect((await storeSpamModel(connection, 0, model)).version).toBe(1);
    await expect(storeSpamModel(connection, 0, model)).rejects.toMatchObject({ code: 'conflict' });
    expect((await storeSpamModel(connection, 1, model)).version).toBe(2);
    expect(await latestSpamModelVersion(connection)).toBe(2);
    expect(await getSpamModel(connection, 2)).toMatchObject({ version: 2, labels: 3 });
  });
});
