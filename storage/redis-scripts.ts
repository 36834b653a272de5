// Lua scripts as typed functions: each .lua file is registered once per connection with
// ioredis's defineCommand, which runs it by EVALSHA and sends the source only when Redis does
// not know it yet. Every script's header states its KEYS, ARGV and return value.
import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis.js';

export type Script<Result = unknown> = (...keysAndArgs: (string | number)[]) => Promise<Result>;

export function defineScript<Result = unknown>(
  redis: RedisClient,
  name: string,
  file: URL,
  numberOfKeys: number,
  readOnly = false,
): Script<Result> {
  if (typeof Reflect.get(redis, name) !== 'function') {
    redis.defineCommand(name, { lua: readFileSync(file, 'utf8'), numberOfKeys, readOnly });
  }
  const command: unknown = Reflect.get(redis, name);
  if (typeof command !== 'function') throw new Error(`redis: ioredis did not define ${name}`);
  return (...keysAndArgs) => Promise.resolve(command.apply(redis, keysAndArgs) as Result);
}
