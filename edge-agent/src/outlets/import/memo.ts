/**
 * Remembers a pure function's results by string key. Imports repeat the
 * same hours and name pieces thousands of times, and opening_hours takes
 * about a millisecond per parse. Bounded: starts over when full.
 */
export function memoise<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    if (cache.size >= limit) cache.clear();
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
