// compareScreenshot on images made with sharp: the same image matches, anti-aliasing-sized noise
// matches, a moved block differs and leaves the actual image and a diff, a size change differs.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { compareScreenshot } from './screenshot-compare.js';

/** A 200×100 white PNG with a dark 40×20 block at (x, 10), its pixels nudged by `noise`. */
async function picture(x: number, noise = 0, width = 200): Promise<Buffer> {
  const block = await sharp({ create: { width: 40, height: 20, channels: 4, background: '#223' } })
    .png()
    .toBuffer();
  const base = sharp({
    create: { width, height: 100, channels: 4, background: { r: 255 - noise, g: 255, b: 255, alpha: 1 } },
  });
  return base
    .composite([{ input: block, left: x, top: 10 }])
    .png()
    .toBuffer();
}

describe('compareScreenshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shot-refs-'));

  it('matches the same picture and small noise, and reports a moved block with a diff', async () => {
    writeFileSync(join(dir, 'block.png'), await picture(10));
    expect((await compareScreenshot('block', await picture(10), dir)).outcome).toBe('matched');
    expect((await compareScreenshot('block', await picture(10, 20), dir)).outcome).toBe('matched');
    const moved = await compareScreenshot('block', await picture(60), dir);
    expect(moved.outcome).toBe('differs');
    // The block left 800 pixels and covered 800 others: 1600 of 20,000.
    expect(moved.changedRatio).toBeCloseTo(1600 / 20_000, 5);
    const paths = moved.message.match(/\/\S+\.png/g) ?? [];
    expect(paths).toHaveLength(2);
    for (const path of paths) expect(existsSync(path.replace(/,$/, ''))).toBe(true);
  });

  it('reports a change of size, and a missing reference', async () => {
    writeFileSync(join(dir, 'sized.png'), await picture(10));
    const wider = await compareScreenshot('sized', await picture(10, 0, 220), dir);
    expect(wider.outcome).toBe('differs');
    expect(wider.message).toContain('220×100, reference 200×100');
    const missing = await compareScreenshot('absent', await picture(10), dir);
    expect(missing.outcome).toBe('differs');
    expect(missing.message).toContain('screenshots:update');
  });
});
