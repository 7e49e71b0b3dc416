/**
 * A set of small non-negative integers (replica slots 0..n-1) that answers
 * "first member at or after i" and "last member at or before i" in
 * O(log₃₂ n): a bitset with one summary level per 32× (a bit per non-empty
 * word of the level below). The StatefulSet sync uses it to jump to the
 * next replica that needs a look instead of walking every pod.
 */
export class OrdinalSet {
  /** levels[0] has a bit per slot; levels[k + 1] has a bit per non-empty word of levels[k]. */
  private levels: Uint32Array[] = [];
  private count = 0;

  constructor(readonly capacity: number) {
    let n = Math.max(1, capacity);
    do {
      const words = Math.ceil(n / 32);
      this.levels.push(new Uint32Array(words));
      n = words;
    } while (n > 32);
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    const w = this.levels[0] as Uint32Array;
    return i >= 0 && i < this.capacity && ((w[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    if (i < 0 || i >= this.capacity || this.has(i)) return;
    this.count++;
    for (const words of this.levels) {
      const w = i >>> 5;
      const was = words[w] as number;
      words[w] = was | (1 << (i & 31));
      if (was !== 0) return;
      i = w;
    }
  }

  delete(i: number): void {
    if (!this.has(i)) return;
    this.count--;
    for (const words of this.levels) {
      const w = i >>> 5;
      const now = (words[w] as number) & ~(1 << (i & 31));
      words[w] = now;
      if (now !== 0) return;
      i = w;
    }
  }

  /** Adds every slot (a fresh set where everything needs a look). */
  fill(): void {
    for (let i = 0; i < this.capacity; i++) this.add(i);
  }

  /** The smallest member ≥ i, or -1. */
  next(i: number): number {
    return this.nextAt(0, Math.max(0, i));
  }

  /** The largest member ≤ i, or -1. */
  prev(i: number): number {
    return i < 0 || this.capacity === 0 ? -1 : this.prevAt(0, Math.min(i, this.capacity - 1));
  }

  private nextAt(level: number, i: number): number {
    const words = this.levels[level] as Uint32Array;
    let w = i >>> 5;
    if (w >= words.length) return -1;
    let m = (words[w] as number) & (0xffffffff << (i & 31));
    if (m === 0) {
      if (level + 1 < this.levels.length) {
        w = this.nextAt(level + 1, w + 1);
        if (w < 0) return -1;
      } else {
        do w++;
        while (w < words.length && words[w] === 0);
        if (w >= words.length) return -1;
      }
      m = words[w] as number;
    }
    return (w << 5) + (31 - Math.clz32(m & -m));
  }

  private prevAt(level: number, i: number): number {
    const words = this.levels[level] as Uint32Array;
    let w = i >>> 5;
    let m = (words[w] as number) & (0xffffffff >>> (31 - (i & 31)));
    if (m === 0) {
      if (w === 0) return -1;
      if (level + 1 < this.levels.length) {
        w = this.prevAt(level + 1, w - 1);
        if (w < 0) return -1;
      } else {
        do w--;
        while (w >= 0 && words[w] === 0);
        if (w < 0) return -1;
      }
      m = words[w] as number;
    }
    return (w << 5) + (31 - Math.clz32(m));
  }
}
