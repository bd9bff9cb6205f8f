import pg from 'pg';

/** How many statements one pool prepares at most; later ones run unnamed, as before (see `preparingClient`). */
export const PREPARED_LIMIT = 500;
/** How many texts seen once are remembered (to name them when seen again) before that memory starts afresh. */
const SEEN_ONCE_LIMIT = 10_000;

interface QueryConfig {
  text: string;
  name?: string;
  values?: unknown[];
}

/** The statement a query call runs, when it has parameters and no name of its own: plain text or a config object. */
function parameterized(config: unknown, values: unknown): QueryConfig | undefined {
  const query: Partial<QueryConfig> | undefined =
    typeof config === 'string' ? { text: config } : config && typeof config === 'object' ? config : undefined;
  if (!query || 'submit' in query || typeof query.text !== 'string' || query.name !== undefined) return undefined;
  const params = Array.isArray(values) ? values : query.values;
  return Array.isArray(params) && params.length > 0 ? (query as QueryConfig) : undefined;
}

/**
 * A `pg.Client` that names each parameterized statement by its text from its second run on, so every connection parses
 * and plans it once more and then only binds and runs it (PostgreSQL's prepared statements over the extended
 * protocol). The emulator's statements come from fixed code paths with their values as parameters: a renewal's
 * statements cost PostgreSQL about 40% of the CPU they did unnamed (README, "Performance"). A text run once (a query
 * of a shape not seen before) stays unnamed; at most `limit` texts are named per pool (a connection keeps each it
 * prepared until it closes), so what PostgreSQL keeps per connection is bounded. Statements without parameters
 * (`begin`, the migrations' scripts of several statements) are left alone.
 */
export function preparingClient(limit = PREPARED_LIMIT): typeof pg.Client {
  const names = new Map<string, string>();
  let seenOnce = new Set<string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= limit) return known;
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= SEEN_ONCE_LIMIT) seenOnce = new Set();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    const name = `emu_${names.size}`;
    names.set(text, name);
    return name;
  };
  return class PreparingClient extends pg.Client {
    // pg's overloads (config or text, values, callback) are passed through as they came.
    override query(...args: unknown[]): never {
      const query = parameterized(args[0], args[1]);
      const name = query && nameOf(query.text);
      if (query && name !== undefined) args[0] = { ...query, name };
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
