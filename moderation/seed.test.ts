import { describe, expect, it } from 'vitest';
import { AutoMod } from './automod/engine.js';
import { DEMO_AUTOMOD } from './seed.js';

describe('the demo AutoMod rules', () => {
  const automod = new AutoMod(DEMO_AUTOMOD);
  const verdict = (body: string, authorId = 'visitor') =>
    automod.check({ body, authorId, channelId: 'general' }, { roleIds: [] }, 0);

  it('let ordinary talk through and trip on what the demo shows off', () => {
    expect(verdict('Does anyone know a good plumber in Leeds?').verdict).toBe('allow');
    expect(verdict('see https://en.wikipedia.org/wiki/Plumbing').verdict).toBe('allow');
    expect(verdict('FREE N1TRO for everyone')).toMatchObject({
      verdict: 'block',
      blockReason: 'That looks like a scam; it was not sent.',
      alert: true,
    });
    expect(verdict('visit https://evil.test').blockReason).toBe('Links to other sites are not allowed here.');
    expect(verdict('WHY IS NOBODY ANSWERING ME').blockReason).toBe('Please do not shout.');
  });
});
