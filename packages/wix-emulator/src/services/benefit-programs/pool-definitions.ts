import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { runBulk } from '../../http/bulk.ts';
import { invalidArgument, notFound } from '../../http/errors.ts';
import { type Ctx, Router, requireManager } from '../../http/router.ts';
import type { Doc } from '../../storage/columns.ts';
import type { Tx } from '../../storage/db.ts';
import { getEntity, insertEntity, saveEntity } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { guid, inNamespaceContaining, namespace, nonNegativeDecimal, queryRequest } from './common.ts';
import { syncBalanceStatus } from './ledger.ts';
import { type Benefit, type Pool, type PoolDefinition, poolDefinitions, pools, programDefinitions } from './tables.ts';

const BASE = '/_api/benefit-programs/v1/pool-definitions';
const MAX_BENEFITS = 10;

const cascade = z.enum(['UNKNOWN_CASCADE', 'NEXT_RENEWAL', 'IMMEDIATELY', 'FUTURE_PROVISIONS']).optional();

const benefitInput = z.object({
  benefitKey: z.string().min(1, 'is required').max(64, 'must be at most 64 characters'),
  itemSetId: z.string().nullish(),
  price: nonNegativeDecimal.nullish(),
  additionalData: z.record(z.string(), z.unknown()).nullish(),
  providerAppId: z.string().min(1, 'is required'),
  displayName: z.string().max(40, 'must be at most 40 characters').nullish(),
  description: z.string().max(450, 'must be at most 450 characters').nullish(),
});

const detailsInput = z.object({
  benefits: z
    .array(benefitInput)
    .max(MAX_BENEFITS, `at most ${MAX_BENEFITS} benefits`)
    .superRefine((benefits, issue) => {
      const seen = new Set<string>();
      benefits.forEach((b, i) => {
        if (seen.has(b.benefitKey)) {
          issue.addIssue({
            code: 'custom',
            message: `benefitKey "${b.benefitKey}" is used twice`,
            path: [i, 'benefitKey'],
          });
        }
        seen.add(b.benefitKey);
      });
    }),
  creditConfiguration: z
    .object({
      amount: nonNegativeDecimal,
      rolloverConfiguration: z
        .object({ enabled: z.boolean().nullish(), balanceCap: nonNegativeDecimal.nullish() })
        .nullish(),
      unitDisplayName: z.string().max(32, 'must be at most 32 characters').nullish(),
      unitType: z.string().max(32, 'must be at most 32 characters').nullish(),
    })
    .nullish(),
  additionalData: z.record(z.string(), z.unknown()).nullish(),
});

const poolDefinitionInput = z.object({
  displayName: z.string().max(128, 'must be at most 128 characters').optional(),
  programDefinitionIds: z.array(guid).max(100, 'at most 100 program definitions').default([]),
  details: detailsInput,
  namespace,
  extendedFields: z.record(z.string(), z.unknown()).nullish(),
});
type PoolDefinitionInput = z.infer<typeof poolDefinitionInput>;

/** Bulk Create and Bulk Update: 1 to 100 pool definitions, a cascade, and whether to answer the entities. */
const bulkRequest = <T extends z.ZodType>(item: T) =>
  z.object({
    poolDefinitions: z.array(item).min(1, 'is required').max(100, 'at most 100'),
    cascade,
    returnEntity: z.boolean().optional(),
  });

const poolDefinitionPatch = poolDefinitionInput
  .omit({ namespace: true })
  .partial()
  .extend({
    revision: z.string().min(1, 'is required'),
    namespace: namespace.optional(),
    // No default here: a patch without programDefinitionIds leaves them as they are.
    programDefinitionIds: z.array(guid).max(100, 'at most 100 program definitions').optional(),
  });

/** Every benefit keeps the item set it had under the same benefitKey; a new benefitKey gets a new item set. */
function withItemSets(benefits: z.infer<typeof benefitInput>[], previous: Benefit[] = []): Benefit[] {
  const known = new Map(previous.map((b) => [String(b.benefitKey), b.itemSetId]));
  return benefits.map((b) => ({ ...b, price: b.price ?? '0', itemSetId: known.get(b.benefitKey) ?? randomUUID() }));
}

/** The program definitions named, each checked to exist in the namespace; answered as `ProgramDefinitionInfo`s. */
async function programDefinitionInfos(tx: Tx, ns: string, ids: string[], field: string): Promise<Doc[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({
      id: programDefinitions.id,
      namespace: programDefinitions.namespace,
      externalId: programDefinitions.externalId,
    })
    .from(programDefinitions)
    .where(inArray(programDefinitions.id, unique));
  for (const id of unique) {
    const row = rows.find((r) => r.id === id);
    if (!row || row.namespace !== ns) {
      throw notFound('NOT_FOUND', `${field}: program definition ${id} not found in namespace ${ns}`, {
        field,
        programDefinitionId: id,
      });
    }
  }
  return unique.map((id) => ({ id, externalId: rows.find((r) => r.id === id)?.externalId ?? null }));
}

/** Applies a pool definition's new details to the pools provisioned from it (cascade IMMEDIATELY). */
async function cascadeDetails(tx: Tx, definition: PoolDefinition, now: Date): Promise<void> {
  for (const pool of await poolsOf(tx, String(definition.id))) {
    if (pool.status === 'ENDED') continue;
    await saveEntity(
      tx,
      pools,
      pool,
      {
        ...pool,
        details: definition.details,
        poolDefinitionRevision: definition.revision,
        displayName: definition.displayName ?? pool.displayName,
      },
      now,
    );
  }
}

async function poolsOf(tx: Tx, poolDefinitionId: string): Promise<Pool[]> {
  const rows = await tx
    .select({ data: pools.data })
    .from(pools)
    .where(sql`${pools.data} ->> 'poolDefinitionId' = ${poolDefinitionId}`)
    .orderBy(asc(pools.seq))
    .for('update');
  return rows.map((r) => r.data);
}

/** Creates a pool definition. Cascade does not matter here: no pool exists from a new definition yet. */
async function create(tx: Tx, input: PoolDefinitionInput, now: Date): Promise<PoolDefinition> {
  const programDefinitionInfo = await programDefinitionInfos(
    tx,
    input.namespace,
    input.programDefinitionIds,
    'poolDefinition.programDefinitionIds',
  );
  return insertEntity(
    tx,
    poolDefinitions,
    randomUUID(),
    {
      ...input,
      displayName: input.displayName ?? '',
      programDefinitionIds: [...new Set(input.programDefinitionIds)],
      programDefinitions: programDefinitionInfo,
      details: { ...input.details, benefits: withItemSets(input.details.benefits) },
    },
    now,
    { namespace: input.namespace },
  );
}

async function update(
  tx: Tx,
  id: string,
  patch: z.infer<typeof poolDefinitionPatch>,
  mode: string | undefined,
  now: Date,
) {
  const current = await getEntity(tx, poolDefinitions, id, 'NOT_FOUND', 'pool definition', true);
  if (patch.namespace && patch.namespace !== current.namespace) {
    throw invalidArgument('poolDefinition.namespace', 'is immutable');
  }
  const next: PoolDefinition = { ...current };
  if (patch.displayName !== undefined) next.displayName = patch.displayName;
  if (patch.extendedFields !== undefined) next.extendedFields = patch.extendedFields;
  if (patch.programDefinitionIds !== undefined) {
    next.programDefinitionIds = [...new Set(patch.programDefinitionIds)];
    next.programDefinitions = await programDefinitionInfos(
      tx,
      String(current.namespace),
      patch.programDefinitionIds,
      'poolDefinition.programDefinitionIds',
    );
  }
  if (patch.details !== undefined) {
    const previous = current.details?.benefits ?? [];
    next.details = { ...patch.details, benefits: withItemSets(patch.details.benefits, previous) };
  }
  const saved = await saveEntity(tx, poolDefinitions, current, next, now, patch.revision);
  if (mode === 'IMMEDIATELY') await cascadeDetails(tx, saved, now);
  return saved;
}

async function remove(tx: Tx, id: string, mode: string | undefined, now: Date) {
  const current = await getEntity(tx, poolDefinitions, id, 'NOT_FOUND', 'pool definition', true);
  await tx.delete(poolDefinitions).where(eq(poolDefinitions.id, id));
  if (mode === 'IMMEDIATELY') {
    for (const pool of await poolsOf(tx, String(current.id))) {
      if (pool.status === 'ENDED') continue;
      await syncBalanceStatus(tx, await saveEntity(tx, pools, pool, { ...pool, status: 'ENDED' }, now), now);
    }
  }
}

export function poolDefinitionRoutes(): Router {
  const r = new Router();
  const manager = (ctx: Ctx, method: string) => requireManager(ctx, method);

  r.post(BASE, async ({ body, ctx }) => {
    manager(ctx, 'createPoolDefinition');
    const request = z.object({ poolDefinition: poolDefinitionInput, cascade }).parse(body);
    return ctx.tx(async (tx) => ({ poolDefinition: await create(tx, request.poolDefinition, ctx.now) }));
  });

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    manager(ctx, 'queryPoolDefinitions');
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, poolDefinitions, query);
    return { poolDefinitions: page.docs, metadata: page.cursorMetadata };
  });

  r.post(`${BASE}/find-pool-definitions-by-program-definition`, async ({ body, ctx }) => {
    manager(ctx, 'findPoolDefinitionsByProgramDefinition');
    const request = z.object({ programDefinitionId: guid, namespace }).parse(body);
    const rows = await ctx.db
      .select({ data: poolDefinitions.data })
      .from(poolDefinitions)
      .where(
        inNamespaceContaining(poolDefinitions, request.namespace, 'programDefinitionIds', [
          request.programDefinitionId,
        ]),
      )
      .orderBy(asc(poolDefinitions.seq));
    return { poolDefinitions: rows.map((row) => row.data) };
  });

  for (const [path, method, adding] of [
    ['assign', 'addPoolDefinitionToProgramDefinition', true],
    ['remove', 'removePoolDefinitionFromProgramDefinition', false],
  ] as const) {
    r.post(`${BASE}/program-definition/${path}`, async ({ body, ctx }) => {
      manager(ctx, method);
      const request = z.object({ poolDefinitionId: guid, programDefinitionId: guid, cascade }).parse(body);
      return ctx.tx(async (tx) => {
        const current = await getEntity(
          tx,
          poolDefinitions,
          request.poolDefinitionId,
          'NOT_FOUND',
          'pool definition',
          true,
        );
        const ids = (current.programDefinitionIds ?? []).filter((id) => id !== request.programDefinitionId);
        if (adding) ids.push(request.programDefinitionId);
        const poolDefinition = await update(
          tx,
          request.poolDefinitionId,
          { revision: String(current.revision), programDefinitionIds: ids },
          request.cascade,
          ctx.now,
        );
        return { poolDefinition };
      });
    });
  }

  r.post('/benefit-programs/v1/bulk/pool-definitions/create', async ({ body, ctx }) => {
    manager(ctx, 'bulkCreatePoolDefinitions');
    const request = bulkRequest(z.unknown()).parse(body);
    return ctx.tx(async (tx) => {
      return runBulk(
        tx,
        request.poolDefinitions,
        (t, input) => create(t, poolDefinitionInput.parse(input), ctx.now),
        request,
      );
    });
  });

  r.post('/benefit-programs/v1/bulk/pool-definitions/update', async ({ body, ctx }) => {
    manager(ctx, 'bulkUpdatePoolDefinitions');
    const masked = z.object({
      poolDefinition: z.record(z.string(), z.unknown()),
      fieldMask: z.array(z.string()).optional(),
    });
    const request = bulkRequest(masked).parse(body);
    return ctx.tx(async (tx) => {
      return runBulk(
        tx,
        request.poolDefinitions,
        (t, masked) =>
          update(
            t,
            String(masked.poolDefinition.id ?? ''),
            poolDefinitionPatch.parse(masked.poolDefinition),
            request.cascade,
            ctx.now,
          ),
        { returnEntity: request.returnEntity, idOf: (masked) => masked.poolDefinition.id },
      );
    });
  });

  r.post('/benefit-programs/v1/bulk/pool-definitions/delete', async ({ body, ctx }) => {
    manager(ctx, 'bulkDeletePoolDefinitions');
    const request = z
      .object({ poolDefinitionIds: z.array(guid).min(1, 'is required').max(100, 'at most 100'), cascade })
      .parse(body);
    return ctx.tx(async (tx) => {
      return runBulk(
        tx,
        request.poolDefinitionIds,
        async (t, id) => {
          await remove(t, id, request.cascade, ctx.now);
          return undefined;
        },
        { idOf: (id) => id },
      );
    });
  });

  r.get(`${BASE}/:poolDefinitionId`, async ({ params, ctx }) => {
    manager(ctx, 'getPoolDefinition');
    return {
      poolDefinition: await getEntity(
        ctx.db,
        poolDefinitions,
        params.poolDefinitionId ?? '',
        'NOT_FOUND',
        'pool definition',
      ),
    };
  });

  r.patch(`${BASE}/:poolDefinitionId`, async ({ params, body, ctx }) => {
    manager(ctx, 'updatePoolDefinition');
    const request = z.object({ poolDefinition: poolDefinitionPatch, cascade }).parse(body);
    return ctx.tx(async (tx) => ({
      poolDefinition: await update(tx, params.poolDefinitionId ?? '', request.poolDefinition, request.cascade, ctx.now),
    }));
  });

  r.delete(`${BASE}/:poolDefinitionId`, async ({ params, body, ctx }) => {
    manager(ctx, 'deletePoolDefinition');
    const request = z.object({ cascade }).parse(body ?? {});
    await ctx.tx((tx) => remove(tx, params.poolDefinitionId ?? '', request.cascade, ctx.now));
    return {};
  });

  return r;
}
