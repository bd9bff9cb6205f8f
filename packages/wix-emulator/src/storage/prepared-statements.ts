import pg from 'pg';

/** How many statements one pool prepares at most; later ones run unnamed, as before (see `preparingClient`). */
export const PREPARED_LIMIT = 1_000;

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
 * A `pg.Client` that names each parameterized statement by its text, so every connection parses and plans it once
 * and then only binds and runs it (PostgreSQL's prepared statements over the extended protocol). The emulator's
 * statements come from a fixed set of code paths with their values as parameters: a renewal's ten statements cost
 * PostgreSQL about a third of the CPU they did unnamed (README, "Performance"). At most `limit` distinct texts are
 * named per pool (a connection keeps each it prepared until it closes); the rest run unnamed. Statements without
 * parameters (`begin`, migrations' scripts of several statements) are left alone.
 */
export function preparingClient(limit = PREPARED_LIMIT): typeof pg.Client {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= limit) return known;
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
