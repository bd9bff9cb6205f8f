import type { z } from 'zod';

/**
 * Several fields of one schema, `{ a: schema, b: schema }`: the runs of alike fields Wix's entities carry (an
 * address's free-text lines, an item's optional ids), written once.
 */
export const fieldsOf = <S extends z.ZodType, const K extends string>(schema: S, ...keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, schema])) as Record<K, S>;
