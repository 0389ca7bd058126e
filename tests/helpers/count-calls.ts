/**
 * A module's exports with one function wrapped to count its calls, for a vi.mock factory (tests
 * count how many documents a run renders). No imports: a mock factory loads it before the module
 * it stands for.
 */
export function countingCalls<M extends object>(module: M, name: keyof M, counter: { count: number }): M {
  const original = module[name] as (...args: unknown[]) => unknown;
  return {
    ...module,
    [name]: (...args: unknown[]) => {
      counter.count++;
      return original(...args);
    },
  };
}
