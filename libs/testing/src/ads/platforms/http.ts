/** A request as the stand-in's routes see it, and their answer. */
export interface Incoming {
  readonly method: string;
  /** The path below the platform's root (`/customers/1/googleAds:searchStream`). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The body parsed, when it is JSON. */
  readonly json: unknown;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}
