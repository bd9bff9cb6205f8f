import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, invalidArgument, notFound } from '../../http/errors.ts';
import { Router, requireManager } from '../../http/router.ts';
import type { Tx } from '../../storage/db.ts';
import { getEntity, insertEntityUnlessConflict, saveEntity, stripSystemFields } from '../../storage/entities.ts';
import { queryEntities } from '../../storage/query.ts';
import { namespace, queryRequest } from './common.ts';
import { poolDefinitions, programDefinitions } from './tables.ts';

const BASE = '/_api/benefit-programs/v1/program-definitions';

const programDefinitionInput = z.object({
  displayName: z.string().max(64, 'must be at most 64 characters').nullish(),
  namespace,
  externalId: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
  extendedFields: z.record(z.string(), z.unknown()).nullish(),
});

const duplicateExternalId = (ns: string, externalId: unknown) =>
  conflict('ALREADY_EXISTS', `a program definition with externalId "${externalId}" exists in namespace "${ns}"`, {
    namespace: ns,
    externalId,
  });

/** The program definition a route's path names (404 NOT_FOUND), locked for update when asked. */
const definitionAt = (tx: Tx, id: string | undefined, forUpdate = false) =>
  getEntity(tx, programDefinitions, id ?? '', 'NOT_FOUND', 'program definition', forUpdate);

export function programDefinitionRoutes(): Router {
  const r = new Router();

  r.post(BASE, async ({ body, ctx }) => {
    requireManager(ctx, 'createProgramDefinition');
    const { programDefinition } = z.object({ programDefinition: programDefinitionInput }).parse(body);
    return ctx.tx(async (tx) => {
      const doc = await insertEntityUnlessConflict(tx, programDefinitions, randomUUID(), programDefinition, ctx.now, {
        namespace: programDefinition.namespace,
        externalId: programDefinition.externalId,
      });
      if (!doc) throw duplicateExternalId(programDefinition.namespace, programDefinition.externalId);
      return { programDefinition: doc };
    });
  });

  r.post(`${BASE}/query`, async ({ body, ctx }) => {
    requireManager(ctx, 'queryProgramDefinitions');
    const { query } = queryRequest.parse(body);
    const page = await queryEntities(ctx.db, programDefinitions, query);
    return { programDefinitions: page.docs, metadata: page.cursorMetadata };
  });

  r.get(`${BASE}/by-namespace-and-external-id`, async ({ body, ctx }) => {
    requireManager(ctx, 'getProgramDefinitionByExternalIdAndNamespace');
    const input = z.object({ namespace, externalId: z.string().min(1) }).parse(body);
    const [row] = await ctx.db
      .select({ data: programDefinitions.data })
      .from(programDefinitions)
      .where(
        and(eq(programDefinitions.namespace, input.namespace), eq(programDefinitions.externalId, input.externalId)),
      );
    if (!row) throw notFound('NOT_FOUND', `no program definition with externalId "${input.externalId}"`, input);
    return { programDefinition: row.data };
  });

  r.get(`${BASE}/:programDefinitionId`, async ({ params, ctx }) => {
    requireManager(ctx, 'getProgramDefinition');
    const doc = await definitionAt(ctx.db, params.programDefinitionId);
    return { programDefinition: doc };
  });

  r.patch(`${BASE}/:programDefinitionId`, async ({ params, body, ctx }) => {
    requireManager(ctx, 'updateProgramDefinition');
    const { programDefinition } = z
      .object({
        programDefinition: programDefinitionInput.partial().extend({ revision: z.string().min(1, 'is required') }),
      })
      .parse(body);
    return ctx.tx(async (tx) => {
      const current = await definitionAt(tx, params.programDefinitionId, true);
      if (programDefinition.namespace && programDefinition.namespace !== current.namespace) {
        throw invalidArgument('programDefinition.namespace', 'is immutable');
      }
      const next = { ...current, ...stripSystemFields(programDefinition), namespace: current.namespace };
      const externalId = next.externalId ?? null;
      if (externalId && externalId !== current.externalId) {
        const [clash] = await tx
          .select({ id: programDefinitions.id })
          .from(programDefinitions)
          .where(
            and(
              eq(programDefinitions.namespace, String(current.namespace)),
              eq(programDefinitions.externalId, externalId),
            ),
          );
        if (clash) throw duplicateExternalId(String(current.namespace), externalId);
      }
      const doc = await saveEntity(tx, programDefinitions, current, next, ctx.now, programDefinition.revision, {
        externalId,
      });
      return { programDefinition: doc };
    });
  });

  r.delete(`${BASE}/:programDefinitionId`, async ({ params, ctx }) => {
    requireManager(ctx, 'deleteProgramDefinition');
    return ctx.tx(async (tx) => {
      const current = await definitionAt(tx, params.programDefinitionId, true);
      await tx.delete(programDefinitions).where(eq(programDefinitions.id, String(current.id)));
      // Pool definitions keep existing but no longer list the deleted program definition.
      const linked = await tx.select().from(poolDefinitions);
      for (const row of linked) {
        const ids = row.data.programDefinitionIds ?? [];
        if (ids.includes(String(current.id))) {
          await saveEntity(
            tx,
            poolDefinitions,
            row.data,
            { ...row.data, programDefinitionIds: ids.filter((x) => x !== current.id) },
            ctx.now,
          );
        }
      }
      return {};
    });
  });

  return r;
}
