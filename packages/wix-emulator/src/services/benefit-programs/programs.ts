import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, failedPrecondition, notFound } from '../../http/errors.ts';
import { type Ctx, Router, requireCaller, requireManager } from '../../http/router.ts';
import { idempotentRequest } from '../../platform/idempotency.ts';
import type { Tx } from '../../storage/db.ts';
import { getEntity, insertEntity, insertEntityUnlessConflict, saveEntity } from '../../storage/entities.ts';
import { assertOwner, ownedReads, ownedUpdate } from './access.ts';
import { beneficiary, guid, idempotencyKey, namespace, normalizeBeneficiary } from './common.ts';
import { applyChange, dec, fmt, openBalance } from './ledger.ts';
import { AT_REST, jobInProgress, markPools, renew, setStatus, startJob, TRANSIENT } from './program-jobs.ts';
import { type Program, poolDefinitions, pools, programDefinitions, programs } from './tables.ts';

const BASE = '/benefit-programs/v1/programs';

const provisionRequest = z
  .object({
    poolDefinitionLookupId: z.object({ poolDefinitionId: guid.optional(), programDefinitionId: guid.optional() }),
    beneficiary,
    programStatus: z.enum(['ACTIVE', 'PAUSED']).optional(),
    namespace,
    displayName: z.string().max(64, 'must be at most 64 characters').nullish(),
    // Required and a GUID: checked from the SDK's declaration before the service runs (src/contract).
    externalProgramId: z.string(),
  })
  .refine((r) => !!r.poolDefinitionLookupId.poolDefinitionId !== !!r.poolDefinitionLookupId.programDefinitionId, {
    message: 'give exactly one of poolDefinitionId and programDefinitionId',
    path: ['poolDefinitionLookupId'],
  });

const programKeyRequest = z.object({ programId: guid, idempotencyKey });

const statusNotAllowed = (program: Program, requestedStatus: string) =>
  failedPrecondition(
    'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
    `program ${program.id} is ${program.status} and cannot become ${requestedStatus}`,
    { currentStatus: program.status, requestedStatus },
  );

/** The pool definitions a provision request points at, checked against its namespace. */
async function lookUpPoolDefinitions(tx: Tx, request: z.infer<typeof provisionRequest>) {
  const { poolDefinitionId, programDefinitionId } = request.poolDefinitionLookupId;
  if (poolDefinitionId) {
    const definition = await getEntity(tx, poolDefinitions, poolDefinitionId, 'NOT_FOUND', 'pool definition');
    if (definition.namespace !== request.namespace) {
      throw notFound('NOT_FOUND', `pool definition ${poolDefinitionId} not found in namespace ${request.namespace}`, {
        poolDefinitionId,
      });
    }
    return { programDefinition: undefined, definitions: [definition] };
  }
  const programDefinition = await getEntity(
    tx,
    programDefinitions,
    programDefinitionId ?? '',
    'NOT_FOUND',
    'program definition',
  );
  if (programDefinition.namespace !== request.namespace) {
    throw notFound(
      'NOT_FOUND',
      `program definition ${programDefinitionId} not found in namespace ${request.namespace}`,
      { programDefinitionId },
    );
  }
  const rows = await tx
    .select({ data: poolDefinitions.data })
    .from(poolDefinitions)
    .where(sql`${poolDefinitions.data} -> 'programDefinitionIds' @> ${JSON.stringify([programDefinitionId])}::jsonb`)
    .orderBy(asc(poolDefinitions.seq));
  return { programDefinition, definitions: rows.map((r) => r.data) };
}

/** Creates the program, and one pool with its balance per pool definition; the pool's initial credits are its first transaction. */
async function provision(ctx: Ctx, request: z.infer<typeof provisionRequest>) {
  return ctx.tx(async (tx) => {
    const { programDefinition, definitions } = await lookUpPoolDefinitions(tx, request);
    const finalStatus = request.programStatus ?? 'ACTIVE';
    // Strict: the program and its pools are PROVISIONING until the job settles; the credits arrive then.
    const strict = ctx.settings.strict;
    const status = strict ? 'PROVISIONING' : finalStatus;
    const programId = randomUUID();
    const jobId = randomUUID();
    const grants: Array<{ poolId: string; amount: string }> = [];
    const program = await insertEntityUnlessConflict(
      tx,
      programs,
      programId,
      {
        programDefinitionId: programDefinition?.id ?? null,
        status,
        beneficiary: normalizeBeneficiary(request.beneficiary),
        displayName: request.displayName ?? programDefinition?.displayName ?? null,
        namespace: request.namespace,
        externalId: request.externalProgramId,
        programDefinition: programDefinition
          ? { id: programDefinition.id, externalId: programDefinition.externalId ?? null }
          : null,
      },
      ctx.now,
      { namespace: request.namespace, externalId: request.externalProgramId },
    );
    if (!program) {
      if (strict) {
        const [existing] = await tx
          .select({ data: programs.data })
          .from(programs)
          .where(and(eq(programs.namespace, request.namespace), eq(programs.externalId, request.externalProgramId)));
        if (existing?.data.status === 'PROVISIONING') {
          throw failedPrecondition('IN_PROGRESS', `program ${existing.data.id} is still being provisioned`, {
            programId: existing.data.id,
          });
        }
      }
      throw conflict(
        'PROGRAM_ALREADY_EXISTS',
        `a program with externalProgramId "${request.externalProgramId}" exists`,
        {
          externalProgramId: request.externalProgramId,
          namespace: request.namespace,
        },
      );
    }
    for (const definition of definitions) {
      const poolId = randomUUID();
      const pool = await insertEntity(
        tx,
        pools,
        poolId,
        {
          poolDefinitionId: definition.id,
          programDefinitionId: programDefinition?.id ?? null,
          programId,
          status,
          beneficiary: program.beneficiary,
          details: definition.details ?? {},
          displayName: definition.displayName ?? program.displayName ?? '',
          namespace: request.namespace,
          programDefinition: programDefinition
            ? {
                id: programDefinition.id,
                externalId: programDefinition.externalId ?? null,
                displayName: programDefinition.displayName ?? null,
                // A program definition has no description (the SDK's ProgramDefinition declares none).
                description: null,
              }
            : null,
          program: { id: programId, externalId: request.externalProgramId, displayName: program.displayName ?? null },
          poolDefinitionRevision: definition.revision ?? null,
          renewalCount: 0,
        },
        ctx.now,
        { namespace: request.namespace, programId },
      );
      const balance = await openBalance(tx, pool, ctx.now);
      const initial = dec(definition.details?.creditConfiguration?.amount);
      if (strict) {
        grants.push({ poolId, amount: fmt(initial) });
      } else if (initial.gt(0)) {
        await applyChange(
          tx,
          pool,
          balance,
          { delta: initial, idempotencyKey: `provision:${poolId}`, kind: 'PROVISION' },
          ctx.now,
        );
      }
    }
    if (strict) await startJob(tx, jobId, programId, 'PROVISION', { finalStatus, grants });
    return { jobId, program };
  });
}

export function programRoutes(): Router {
  const r = new Router();

  r.post(`${BASE}/provision`, async ({ body, ctx }) => {
    requireManager(ctx, 'provisionProgram');
    return provision(ctx, provisionRequest.parse(body));
  });

  r.post(`${BASE}/renew`, async ({ body, ctx }) => {
    requireManager(ctx, 'renewProgram');
    const request = programKeyRequest.parse(body);
    return idempotentRequest(ctx, `programs.renewProgram:${request.programId}`, request, async (tx) => {
      const program = await getEntity(tx, programs, request.programId, 'NOT_FOUND', 'program', true);
      if (program.status === 'ENDED') throw statusNotAllowed(program, 'RENEWED');
      if (!ctx.settings.strict) {
        await renew(tx, program, request.idempotencyKey, ctx.now);
        return { jobId: randomUUID() };
      }
      // Strict: renewing needs a program at rest; its pools are RENEWING until the job settles.
      if (!AT_REST.has(String(program.status)) || (await jobInProgress(tx, String(program.id)))) {
        throw failedPrecondition('FAILED_PRECONDITION', `program ${program.id} has a job in progress`, {
          programId: program.id,
          programStatus: program.status,
        });
      }
      const jobId = randomUUID();
      const poolStatuses = await markPools(tx, program, 'RENEWING', ctx.now);
      await startJob(tx, jobId, String(program.id), 'RENEW', { key: request.idempotencyKey, poolStatuses });
      return { jobId };
    });
  });

  for (const [action, from, to] of [
    ['pause', 'ACTIVE', 'PAUSED'],
    ['resume', 'PAUSED', 'ACTIVE'],
  ] as const) {
    r.post(`${BASE}/${action}`, async ({ body, ctx }) => {
      requireManager(ctx, `${action}Program`);
      const request = programKeyRequest.parse(body);
      return idempotentRequest(
        ctx,
        `programs.${action}Program:${request.programId}`,
        request,
        async (tx) => {
          const program = await getEntity(tx, programs, request.programId, 'NOT_FOUND', 'program', true);
          const strict = ctx.settings.strict;
          if (strict && (TRANSIENT.has(String(program.status)) || (await jobInProgress(tx, String(program.id))))) {
            throw failedPrecondition('IN_PROGRESS', `program ${program.id} has a job in progress`, {
              programId: program.id,
              programStatus: program.status,
            });
          }
          if (program.status !== from) throw statusNotAllowed(program, to);
          if (!strict) {
            await setStatus(tx, program, to, ctx.now);
            return { jobId: randomUUID() };
          }
          // Strict: PAUSING / RESUMING, its pools PENDING, until the job settles.
          const jobId = randomUUID();
          await markPools(tx, program, 'PENDING', ctx.now);
          await saveEntity(
            tx,
            programs,
            program,
            { ...program, status: action === 'pause' ? 'PAUSING' : 'RESUMING' },
            ctx.now,
          );
          await startJob(tx, jobId, String(program.id), action === 'pause' ? 'PAUSE' : 'RESUME', {
            finalStatus: to,
          });
          return { jobId };
        },
        // Pause and resume declare ALREADY_EXECUTED for a reused key (strict mode answers it).
        { executedCode: 'ALREADY_EXECUTED' },
      );
    });
  }

  r.post(`${BASE}/end`, async ({ body, ctx }) => {
    requireManager(ctx, 'endProgram');
    const request = z.object({ programId: guid }).parse(body);
    return ctx.tx(async (tx) => {
      const program = await getEntity(tx, programs, request.programId, 'NOT_FOUND', 'program', true);
      if (!ctx.settings.strict) {
        // End carries no idempotency key, so ending an ended program is a harmless retry.
        if (program.status !== 'ENDED') await setStatus(tx, program, 'ENDED', ctx.now);
        return { jobId: randomUUID() };
      }
      // Strict: only a program at rest ends (an ended or ending one is refused, as a job in progress is); it is
      // ENDING, its pools PENDING, until the job settles.
      if (!AT_REST.has(String(program.status)) || (await jobInProgress(tx, String(program.id)))) {
        throw statusNotAllowed(program, 'ENDED');
      }
      const jobId = randomUUID();
      await markPools(tx, program, 'PENDING', ctx.now);
      await saveEntity(tx, programs, program, { ...program, status: 'ENDING' }, ctx.now);
      await startJob(tx, jobId, String(program.id), 'END', { finalStatus: 'ENDED' });
      return { jobId };
    });
  });

  ownedReads(r, BASE, programs, 'program', 'programId', 'NOT_FOUND');

  r.get(`${BASE}/by-namespace-and-external-id`, async ({ body, ctx }) => {
    const identity = requireCaller(ctx);
    const input = z.object({ namespace, externalId: z.string().min(1, 'is required') }).parse(body);
    const [row] = await ctx.db
      .select({ data: programs.data })
      .from(programs)
      .where(and(eq(programs.namespace, input.namespace), eq(programs.externalId, input.externalId)));
    if (!row)
      throw notFound(
        'NOT_FOUND',
        `no program with externalId "${input.externalId}" in namespace ${input.namespace}`,
        input,
      );
    assertOwner(identity, row.data, 'program');
    return { program: row.data };
  });

  ownedUpdate(r, BASE, programs, {
    method: 'updateProgram',
    singular: 'program',
    param: 'programId',
    notFoundCode: 'NOT_FOUND',
    displayName: z.string().max(64, 'must be at most 64 characters').nullish(),
  });

  return r;
}
