/** A sleep that can be cut short: `sleep` resolves true when woken, false on timeout. */
export class Wakeup {
  private pending: (() => void) | null = null;
  private signalled = false;

  wake(): void {
    this.signalled = true;
    this.pending?.();
  }

  sleep(ms: number): Promise<boolean> {
    if (this.signalled) {
      this.signalled = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), ms);
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.pending = null;
        this.signalled = false;
        resolve(woken);
      };
      this.pending = () => finish(true);
    });
  }
}
