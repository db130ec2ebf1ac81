import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { queryAudit } from '../../platform/audit/audit-query';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { actorOf } from '../../platform/http/actor';
import { Forbidden } from '../../platform/errors';
import { paged, Paging, refusals, Nullable } from '../../platform/http/schemas';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  siteId: Nullable(Type.String()),
  changes: Type.Unknown(),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
});

/** The audit view for directors and inspectors; the chain's verification for estate-wide readers. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (
  app,
  { db, clock },
) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Who did and who viewed what: filter by subject (e.g. a detainee) or by actor',
        querystring: Type.Object(
          {
            subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Entry), ...refusals },
      },
    },
    async (request) => queryAudit(db, actorOf(request, clock), request.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Walk the hash chain and report the first entry that does not hold',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            headHash: Type.String(),
            firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
          }),
          ...refusals,
        },
      },
    },
    async (request) => {
      if (actorOf(request, clock).sites !== null)
        throw new Forbidden('verifying the whole chain needs estate-wide access');
      return verifyAuditChain(db);
    },
  );
};
