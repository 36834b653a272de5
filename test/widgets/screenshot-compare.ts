// Screenshot comparison against committed PNG references (test/widgets/screenshots/): both
// images decoded to raw RGBA with sharp and compared pixel by pixel with a small tolerance, so
// anti-aliasing noise passes and a layout change fails. HUB_UPDATE_SCREENSHOTS=1 (the
// `screenshots:update` script) writes the references instead. A failure writes the actual image
// and a diff (changed pixels in red over a faded actual) to SHOTS_DIR for a reviewer.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { shotPath } from './support.js';

export const REFERENCES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** A channel may differ by this much (of 255) before the pixel counts as changed: anti-aliasing. */
const CHANNEL_TOLERANCE = 48;
/** The share of changed pixels a screenshot may have and still match. */
const MAX_CHANGED_RATIO = 0.005;

export interface ScreenshotResult {
  /** 'updated' when the reference was (re)written, 'matched' or 'differs' otherwise. */
  outcome: 'updated' | 'matched' | 'differs';
  changedRatio: number;
  /** Why it differs, with the paths of the actual image and the diff. */
  message: string;
}

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

async function raw(png: Buffer | string): Promise<Raw> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The share of pixels that differ beyond the tolerance, and a diff image of them. */
async function difference(actual: Raw, expected: Raw): Promise<{ ratio: number; diff: Buffer }> {
  const { width, height } = actual;
  const out = Buffer.alloc(width * height * 4);
  let changed = 0;
  for (let i = 0; i < out.length; i += 4) {
    let delta = 0;
    for (let c = 0; c < 4; c++)
      delta = Math.max(delta, Math.abs((actual.data[i + c] ?? 0) - (expected.data[i + c] ?? 0)));
    if (delta > CHANNEL_TOLERANCE) {
      changed++;
      out.set([255, 0, 0, 255], i);
    } else {
      const grey = Math.round(
        ((actual.data[i] ?? 0) + (actual.data[i + 1] ?? 0) + (actual.data[i + 2] ?? 0)) / 3,
      );
      const faded = 255 - Math.round((255 - grey) / 4);
      out.set([faded, faded, faded, 255], i);
    }
  }
  const diff = await sharp(out, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
  return { ratio: changed / (width * height), diff };
}

/** Compares `png` with the reference `name`.png (or writes the reference when updating). */
export async function compareScreenshot(
  name: string,
  png: Buffer,
  referencesDir = REFERENCES_DIR,
): Promise<ScreenshotResult> {
  const reference = join(referencesDir, `${name}.png`);
  if (process.env['HUB_UPDATE_SCREENSHOTS'] === '1') {
    mkdirSync(referencesDir, { recursive: true });
    writeFileSync(reference, png);
    return { outcome: 'updated', changedRatio: 0, message: `wrote ${reference}` };
  }
  const actualPath = shotPath(`${name}.actual`);
  if (!existsSync(reference)) {
    writeFileSync(actualPath, png);
    return {
      outcome: 'differs',
      changedRatio: 1,
      message: `no reference ${reference} (run npm run screenshots:update); actual: ${actualPath}`,
    };
  }
  const [actual, expected] = await Promise.all([raw(png), raw(reference)]);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    writeFileSync(actualPath, png);
    return {
      outcome: 'differs',
      changedRatio: 1,
      message: `${name}: ${actual.width}×${actual.height}, reference ${expected.width}×${expected.height}; actual: ${actualPath}`,
    };
  }
  const { ratio, diff } = await difference(actual, expected);
  if (ratio <= MAX_CHANGED_RATIO) return { outcome: 'matched', changedRatio: ratio, message: '' };
  const diffPath = shotPath(`${name}.diff`);
  writeFileSync(actualPath, png);
  writeFileSync(diffPath, diff);
  return {
    outcome: 'differs',
    changedRatio: ratio,
    message: `${name}: ${(ratio * 100).toFixed(2)}% of pixels changed; actual: ${actualPath}, diff: ${diffPath}`,
  };
}
