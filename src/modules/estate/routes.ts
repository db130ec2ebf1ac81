import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { ErrorBody, IdParams, refusals } from '../../platform/http/schemas';
import type { EstateService } from './estate-service';

const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const SexSchema = Type.Union([Type.Literal('M'), Type.Literal('F')]);
const AgeSchema = Type.Union([Type.Literal('adult'), Type.Literal('juvenile')]);
const UseSchema = Type.Union([Type.Literal('general'), Type.Literal('segregation'), Type.Literal('medical')]);

const SiteSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameAr: Type.String(),
  blocks: Type.Integer(),
  wings: Type.Integer(),
  cells: Type.Integer(),
  cellsOutOfService: Type.Integer(),
  beds: Type.Integer(),
  occupied: Type.Integer(),
  population: Type.Integer(),
});
const Wing = Type.Object({
  id: Type.String(),
  blockId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  sex: Type.String(),
  ageGroup: Type.String(),
  cells: Type.Integer(),
  beds: Type.Integer(),
  occupied: Type.Integer(),
});
const Block = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const Cell = Type.Object({
  id: Type.String(),
  wingId: Type.String(),
  code: Type.String(),
  capacity: Type.Integer(),
  use: Type.String(),
  outOfService: Type.Boolean(),
  outOfServiceReason: Type.Union([Type.String(), Type.Null()]),
  occupied: Type.Integer(),
});

/** The estate's structure: read by every role, changed by administrators, directors and commanders. */
export const estateRoutes: FastifyPluginAsyncTypebox<{ estate: EstateService; clock: Clock }> = async (
  app,
  { estate, clock },
) => {
  app.get(
    '/api/sites',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags: ['estate'],
        summary: 'Sites in my scope with beds and occupancy',
        response: { 200: Type.Array(SiteSummary), ...refusals },
      },
    },
    async (request) => estate.listSites(actorOf(request, clock)),
  );

  app.post(
    '/api/sites',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary: 'Add a site (estate-wide accounts only)',
        body: Type.Object({ code: Code, name: Name, nameAr: Name }, { additionalProperties: false }),
        response: { 201: SiteSummary, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await estate.createSite(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/sites/:id',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags: ['estate'],
        summary: 'A site with its blocks and wings',
        params: IdParams,
        response: {
          200: Type.Object({
            ...SiteSummary.properties,
            blockList: Type.Array(Type.Object({ ...Block.properties, wings: Type.Array(Wing) })),
          }),
          ...refusals,
        },
      },
    },
    async (request) => estate.getSite(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/sites/:id/blocks',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary: 'Add a block to a site',
        params: IdParams,
        body: Type.Object({ code: Code, name: Name }, { additionalProperties: false }),
        response: { 201: Block, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await estate.createBlock(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/blocks/:id/wings',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary: 'Add a wing to a block, designated by sex and age group',
        params: IdParams,
        body: Type.Object(
          { code: Code, name: Name, sex: SexSchema, ageGroup: AgeSchema },
          { additionalProperties: false },
        ),
        response: { 201: Wing, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await estate.createWing(actorOf(request, clock), request.params.id, request.body)),
  );

  app.patch(
    '/api/wings/:id',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary:
          'Rename a wing or change its designation (refused while it holds detainees who do not match)',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Name), sex: Type.Optional(SexSchema), ageGroup: Type.Optional(AgeSchema) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Wing, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => estate.updateWing(actorOf(request, clock), request.params.id, request.body),
  );

  app.get(
    '/api/sites/:id/cells-out-of-service',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags: ['estate'],
        summary: 'Cells of a site out of service, with the reason and since when',
        params: IdParams,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              code: Type.String(),
              wingId: Type.String(),
              wingCode: Type.String(),
              blockCode: Type.String(),
              capacity: Type.Integer(),
              use: Type.String(),
              reason: Type.Union([Type.String(), Type.Null()]),
              since: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...refusals,
        },
      },
    },
    async (request) => estate.cellsOutOfService(actorOf(request, clock), request.params.id),
  );

  app.get(
    '/api/wings/:id/cells',
    {
      config: { permission: 'estate.read' },
      schema: {
        tags: ['estate'],
        summary: 'Cells of a wing with occupancy',
        params: IdParams,
        response: { 200: Type.Array(Cell), ...refusals },
      },
    },
    async (request) => estate.listCells(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/wings/:id/cells',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary: 'Add a cell to a wing',
        params: IdParams,
        body: Type.Object(
          { code: Code, capacity: Type.Integer({ minimum: 1, maximum: 100 }), use: Type.Optional(UseSchema) },
          { additionalProperties: false },
        ),
        response: { 201: Cell, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await estate.createCell(actorOf(request, clock), request.params.id, request.body)),
  );

  app.patch(
    '/api/cells/:id',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags: ['estate'],
        summary: 'Change a cell: capacity, use, out of service (with a reason) or back in service',
        params: IdParams,
        body: Type.Object(
          {
            capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            use: Type.Optional(UseSchema),
            outOfService: Type.Optional(Type.Boolean()),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Cell, ...refusals },
      },
    },
    async (request) => estate.updateCell(actorOf(request, clock), request.params.id, request.body),
  );
};
