import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { Store } from './db/database';
import { COMMIT, VERSION } from './version';

/** `/health` says whether the store answers; `/info` which build this is. Both public. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), store: Type.String() }),
          503: Type.Object({ status: Type.Literal('unavailable'), store: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(store.db);
        return { status: 'ok' as const, store: store.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, store: store.kind });
      }
    },
  );
  app.get(
    '/info',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        response: {
          200: Type.Object({ name: Type.String(), version: Type.String(), commit: Type.String() }),
        },
      },
    },
    async () => ({ name: 'custodia', version: VERSION, commit: COMMIT }),
  );
};
