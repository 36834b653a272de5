// Aho–Corasick: every occurrence of many strings found in one pass over a text, in time linear
// in the text (plus the occurrences reported), however many strings there are. A keyword list
// of a thousand entries costs what a list of one does.

/** Transitions of the whole automaton in one Map, keyed by state × 65536 + UTF-16 code unit. */
const key = (state: number, code: number): number => state * 0x10000 + code;

export class AhoCorasick {
  private readonly next = new Map<number, number>();
  private readonly fail: number[];
  /** The ids of the strings ending at each state, those of its suffixes included. */
  private readonly outputs: (readonly number[])[];
  private readonly lengths: readonly number[];

  constructor(strings: readonly string[]) {
    this.lengths = strings.map((s) => s.length);
    const own: number[][] = [[]];
    const children: [number, number][][] = [[]];
    strings.forEach((s, id) => {
      let state = 0;
      for (let i = 0; i < s.length; i++) {
        const code = s.charCodeAt(i);
        let to = this.next.get(key(state, code));
        if (to === undefined) {
          to = own.length;
          own.push([]);
          children.push([]);
          this.next.set(key(state, code), to);
          (children[state] as [number, number][]).push([code, to]);
        }
        state = to;
      }
      (own[state] as number[]).push(id);
    });

    // Breadth first: a state's failure link is the longest proper suffix of its path that is
    // also a path, found from its parent's.
    this.fail = new Array<number>(own.length).fill(0);
    this.outputs = own.slice();
    const queue = [...(children[0] as [number, number][]).map(([, child]) => child)];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [code, child] of children[state] as [number, number][]) {
        let f = this.fail[state] as number;
        while (f !== 0 && !this.next.has(key(f, code))) f = this.fail[f] as number;
        const target = this.next.get(key(f, code));
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.outputs[this.fail[child] as number] as readonly number[];
        if (inherited.length > 0) this.outputs[child] = [...(own[child] as number[]), ...inherited];
        queue.push(child);
      }
    }
  }

  /**
   * Reports each occurrence as [start, end) with its string's id, in order of end; stops when
   * `onMatch` returns true.
   */
  scan(text: string, onMatch: (id: number, start: number, end: number) => boolean): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      for (;;) {
        const to = this.next.get(key(state, code));
        if (to !== undefined) {
          state = to;
          break;
        }
        if (state === 0) break;
        state = this.fail[state] as number;
      }
      const ids = this.outputs[state] as readonly number[];
      for (const id of ids) {
        if (onMatch(id, i + 1 - (this.lengths[id] as number), i + 1)) return;
      }
    }
  }
}
