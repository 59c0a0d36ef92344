interface Entry<T> {
  readonly at: number;
  readonly item: T;
}

/**
 * Timers held in memory, ordered by the local instant each falls due. One `setTimeout` is
 * armed for the earliest; when it fires every entry now due is handed over at once.
 */
export class DueQueue<T extends { readonly id: string } = { readonly id: string }> {
  private heap: Entry<T>[] = [];
  private readonly ids = new Set<string>();
  private handle: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private listener: (items: T[]) => void = () => undefined;

  get size(): number {
    return this.heap.length;
  }

  /** The ids of the items held. */
  heldIds(): string[] {
    return [...this.ids];
  }

  onDue(listener: (items: T[]) => void): void {
    this.listener = listener;
  }

  /** Adds an item due at local epoch ms `at`; an id already held is ignored. */
  add(item: T, at: number): void {
    if (this.ids.has(item.id)) return;
    this.ids.add(item.id);
    this.heap.push({ at, item });
    this.up(this.heap.length - 1);
    this.arm();
  }

  /** Removes and returns everything held (shutdown). */
  drain(): T[] {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
    this.armedFor = Infinity;
    const items = this.heap.map((entry) => entry.item);
    this.heap = [];
    this.ids.clear();
    return items;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.at >= this.armedFor) return;
    if (this.handle) clearTimeout(this.handle);
    this.armedFor = next.at;
    this.handle = setTimeout(() => this.release(), Math.max(0, next.at - Date.now()));
  }

  private release(): void {
    this.handle = null;
    this.armedFor = Infinity;
    const now = Date.now();
    const due: T[] = [];
    while (this.heap.length > 0 && this.heap[0].at <= now) {
      const { item } = this.pop();
      this.ids.delete(item.id);
      due.push(item);
    }
    this.arm();
    if (due.length > 0) this.listener(due);
  }

  private pop(): Entry<T> {
    const top = this.heap[0];
    const last = this.heap.pop() as Entry<T>;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent].at <= this.heap[i].at) return;
      [this.heap[parent], this.heap[i]] = [this.heap[i], this.heap[parent]];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.heap.length && this.heap[left].at < this.heap[least].at) least = left;
      if (right < this.heap.length && this.heap[right].at < this.heap[least].at) least = right;
      if (least === i) return;
      [this.heap[least], this.heap[i]] = [this.heap[i], this.heap[least]];
      i = least;
    }
  }
}
