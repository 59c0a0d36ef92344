import { uniqueSuffix, waitFor } from './helpers';

describe('test helpers', () => {
  it('waitFor returns the first truthy value the probe gives', async () => {
    let calls = 0;
    await expect(waitFor('three calls', async () => (++calls >= 3 ? calls : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('waitFor fails with what it waited for and the last error', async () => {
    await expect(
      waitFor(
        'the broker',
        async () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/waiting for the broker: connection refused/);
  });

  it('uniqueSuffix is a valid lower-case SQL identifier fragment and differs each call', () => {
    const a = uniqueSuffix();
    expect(a).toMatch(/^[a-z0-9]+$/);
    expect(uniqueSuffix()).not.toBe(a);
  });
});
