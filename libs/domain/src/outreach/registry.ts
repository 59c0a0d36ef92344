/**
 * An append-only, persistent map from id to value, for the facts a fold collects by the
 * thousand (an org's users, the leads an AddContacts names). Adding is O(1) and leaves every
 * earlier registry as it was, so `evolve` stays pure without copying a Map per event; the
 * first lookup builds an index once.
 */
interface Entry<T> {
  readonly id: string;
  readonly value: T;
  readonly previous: Entry<T> | null;
}

export class Registry<T> {
  private index: Map<string, T> | null = null;

  private constructor(private readonly last: Entry<T> | null) {}

  static empty<T>(): Registry<T> {
    return new Registry<T>(null);
  }

  with(id: string, value: T): Registry<T> {
    return new Registry({ id, value, previous: this.last });
  }

  get(id: string): T | undefined {
    return this.indexed().get(id);
  }

  has(id: string): boolean {
    return this.indexed().has(id);
  }

  get size(): number {
    return this.indexed().size;
  }

  private indexed(): Map<string, T> {
    if (this.index === null) {
      const entries: Entry<T>[] = [];
      for (let entry = this.last; entry !== null; entry = entry.previous) entries.push(entry);
      // Oldest first, so a later fact about the same id wins.
      this.index = new Map(entries.reverse().map((entry) => [entry.id, entry.value]));
    }
    return this.index;
  }
}
