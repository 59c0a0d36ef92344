/** The bench's generator: ids, choices and times all come from it, never from Math.random or the clock. */
export { SeededRandom as Rng } from '@campaign/testing';
