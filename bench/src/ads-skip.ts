/**
 * A part of the ads bench that cannot run because a piece it measures is missing (a door, a
 * route, a table another part of the ads context provides) says so as its JSON line —
 * `{"bench": …, "skipped": "<why>"}` — never with a made-up figure.
 */
export type Emit = (line: Record<string, unknown>) => void;

export class BenchSkipped extends Error {
  constructor(
    readonly bench: string,
    readonly why: string,
  ) {
    super(`${bench} skipped: ${why}`);
    this.name = 'BenchSkipped';
  }
}

/** Throws BenchSkipped for `bench` unless `present`. */
export const requirePiece = (bench: string, present: boolean, why: string): void => {
  if (!present) throw new BenchSkipped(bench, why);
};
