// `npm start`'s terminal view of the children's log files (scripts/run-hub.sh writes each child's
// output to HUBBUB_LOG_DIR/<name>.log): follows the files and prints what dev-log-format.ts
// keeps (warnings, errors, plain output), so the ready banner stays the last line while all is
// well and everything else stays in the files. Run in a process group of its own: the
// terminal's Ctrl-C does not reach it; run-hub.sh sends it SIGTERM once the children have
// stopped, and it prints what they wrote last before exiting.
//
//   tsx scripts/dev-log-view.ts [--level warn] FILE…
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { terminalLine } from './dev-log-format.js';

const { values, positionals } = parseArgs({
  options: { level: { type: 'string', default: 'warn' } },
  allowPositionals: true,
});
const minLevel = values.level ?? 'warn';
const followed = positionals.map((path) => ({
  path,
  offset: 0,
  partial: '',
  text: new StringDecoder('utf8'),
}));
const buffer = Buffer.alloc(64 * 1024);

function drain(): void {
  for (const file of followed) {
    if (!existsSync(file.path)) continue;
    if (statSync(file.path).size < file.offset) file.offset = 0; // truncated: a new run
    const fd = openSync(file.path, 'r');
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, file.offset);
        if (read === 0) break;
        file.offset += read;
        const lines = (file.partial + file.text.write(buffer.subarray(0, read))).split('\n');
        file.partial = lines.pop() ?? '';
        for (const line of lines) {
          const shown = terminalLine(line, minLevel);
          if (shown !== null) process.stderr.write(`${shown}\n`);
        }
      }
    } finally {
      closeSync(fd);
    }
  }
}

const timer = setInterval(drain, 200);
process.on('SIGINT', () => undefined); // the terminal's Ctrl-C is run-hub.sh's to handle
process.on('SIGTERM', () => {
  clearInterval(timer);
  drain();
  for (const file of followed) {
    const shown = file.partial ? terminalLine(file.partial, minLevel) : null;
    if (shown !== null) process.stderr.write(`${shown}\n`);
  }
  process.exit(0);
});
