import { z } from 'zod';
import { filterFields } from '../storage/filter.ts';
import { invalidArgument } from './errors.ts';

/** One sort field as Wix's query methods take it. */
export const sortField = z.object({
  fieldName: z.string().min(1, 'is required'),
  order: z.enum(['ASC', 'DESC']).nullish(),
});

/** Filter, sort and cursor paging, as Wix's newer Query and Search methods take them. */
export const cursorQuery = z.object({
  filter: z.record(z.string(), z.unknown()).nullish(),
  sort: z.array(sortField).nullish(),
  cursorPaging: z.object({ limit: z.number().nullish(), cursor: z.string().nullish() }).nullish(),
});

/**
 * Refuses filters and sorts on fields a method does not declare, naming the field where the request carries it
 * (`query.filter.secret`, `search.sort.0.fieldName`); answers the sort with `ASC` filled in.
 */
export function queryable(
  query: { filter?: unknown; sort?: Array<z.infer<typeof sortField>> | null },
  within: string,
  rules: { filterable: Set<string>; sortable: Set<string> },
): Array<{ fieldName: string; order: 'ASC' | 'DESC' }> {
  for (const field of filterFields(query.filter)) {
    if (!rules.filterable.has(field))
      throw invalidArgument(`${within}.filter.${field}`, 'is not declared as filterable');
  }
  const sort = (query.sort ?? []).map((s) => ({ fieldName: s.fieldName, order: s.order ?? ('ASC' as const) }));
  for (const [i, s] of sort.entries()) {
    if (!rules.sortable.has(s.fieldName))
      throw invalidArgument(`${within}.sort.${i}.fieldName`, 'is not declared as sortable');
  }
  return sort;
}
