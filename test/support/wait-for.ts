/** Polls until `check` returns something truthy (or stops throwing); fails with its last error after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What a test needs of a running app to wait for lines it made a fake platform send. */
export interface LineCounter {
  lines: { handled(): number; until(count: number): Promise<void> };
  idle(): Promise<void>;
}

/**
 * Runs `act` (which makes real platform clients deliver `lines` chat lines, e.g. a fake's `say`),
 * then resolves once showcart has handled them and everything they caused has played out: replies
 * sent to the fakes, facts logged, writes done. No polling, no timeout of its own.
 */
export async function afterLines<T>(app: LineCounter, lines: number, act: () => T | Promise<T>): Promise<T> {
  const target = app.lines.handled() + lines;
  const result = await act();
  await app.lines.until(target);
  await app.idle();
  return result;
}
