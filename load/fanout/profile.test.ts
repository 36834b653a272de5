import { describe, expect, it } from 'vitest';
import { areaOf, selfTimes, type CpuProfile } from './profile.js';

describe('selfTimes', () => {
  it('charges each sample to the function it hit, by function and by area', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('publish', 'file:///work/main/realtime/publisher.ts') },
        { id: 3, callFrame: frame('parse', 'file:///work/main/node_modules/zod/lib/x.js') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
      ],
      startTime: 0,
      samples: [2, 2, 3, 4, 2],
      timeDeltas: [1000, 1000, 2000, 500, 1000],
    };
    const { totalMs, functions, areas } = selfTimes(profile, 'file:///work/main/');
    expect(totalMs).toBe(5.5);
    expect(functions[0]).toEqual({ name: 'publish', where: 'realtime/publisher.ts:10', ms: 3 });
    expect(functions[1]?.where).toBe('node_modules/zod/lib/x.js:10');
    expect(areas).toEqual([
      { name: 'realtime/', ms: 3 },
      { name: 'npm zod', ms: 2 },
      { name: '(garbage collector)', ms: 0.5 },
    ]);
  });

  it('keeps only the samples of a time window when asked', () => {
    const profile: CpuProfile = {
      nodes: [{ id: 1, callFrame: { functionName: 'f', url: '', lineNumber: 0 } }],
      startTime: 0,
      samples: [1, 1, 1, 1],
      timeDeltas: [1e6, 1e6, 1e6, 1e6],
    };
    expect(selfTimes(profile, '', [1.5, 3.5]).totalMs).toBe(2000);
  });

  it('names Node internals and packages', () => {
    expect(areaOf('node:internal/streams/readable', 'read')).toBe('node internals');
    expect(areaOf('file:///x/node_modules/@socket.io/redis-adapter/dist/index.js', 'f')).toBe(
      'npm @socket.io/redis-adapter',
    );
    expect(areaOf('', '(program)')).toBe('(program)');
  });
});
