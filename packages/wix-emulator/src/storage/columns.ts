import { bigint, bigserial, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/** A JSON document as the REST API shows it (`id`, `createdDate`, ISO dates, decimal strings). */
export type Doc = Record<string, unknown>;

/** The fields every stored entity has, set by the store (entities.ts), even where Wix's entity declares no revision. */
export type Bookkeeping = {
  id?: string | null;
  revision?: string | null;
  createdDate?: string | null;
  updatedDate?: string | null;
};

/**
 * An entity as Wix's SDK typings declare it (`@wix/auto_sdk_*`), turned into the REST document the emulator stores:
 * the SDK's `_id`, `_createdDate`, ... are `id`, `createdDate`, ...; dates are ISO strings; enums are their string values;
 * an optional field may hold null (JSON has no undefined: the REST answers carry null for a field without a value).
 */
export type Stored<T> = Rest<T> & Bookkeeping;

type Rest<T> = T extends Date
  ? string
  : T extends string
    ? `${T}`
    : T extends ReadonlyArray<infer U>
      ? Rest<U>[]
      : T extends object
        ? {
            [K in keyof T as K extends `_${infer Name}` ? Name : K]: undefined extends T[K]
              ? Rest<T[K]> | null
              : Rest<T[K]>;
          }
        : T;

/** A point in time, kept with its time zone and read as a Date. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

const requiredText = (name: string) => text(name).notNull();

/** Required text columns, one per property, each named after its property in snake_case (`requestHash`: `request_hash`). */
export function requiredTexts<const K extends string>(...properties: K[]) {
  const snake = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return Object.fromEntries(properties.map((p) => [p, requiredText(snake(p))])) as {
    [P in K]: ReturnType<typeof requiredText>;
  };
}

/**
 * The columns every stored Wix entity has: its id, its REST document, its revision and its dates.
 * Queries run over `data` (see query.ts), so every field Wix lets you filter on is filterable.
 */
export const entityColumns = <T extends object = Doc>() => ({
  id: text('id').primaryKey(),
  data: jsonb('data').$type<T & Bookkeeping>().notNull(),
  revision: bigint('revision', { mode: 'number' }).notNull().default(1),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  /** Insertion order: breaks ties between entities created in the same request (they share `createdDate`). */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
});
