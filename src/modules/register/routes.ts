import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import {
  ErrorBody,
  IdParams,
  PartialDate,
  paged,
  Paging,
  refusals,
  Nullable,
} from '../../platform/http/schemas';
import { DETAINEE_STATUSES, NAME_KINDS, type RegisterService } from './register-service';

const Status = Type.Enum([...DETAINEE_STATUSES]);
const Name = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    script: Type.Union([Type.Literal('arabic'), Type.Literal('latin')]),
    kind: Type.Enum([...NAME_KINDS]),
  },
  { additionalProperties: false },
);
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const LegalBasisBody = Type.Object(
  {
    basis: Type.String({ minLength: 1, maxLength: 200 }),
    authority: Type.String({ minLength: 1, maxLength: 200 }),
    from: DateOnly,
    to: Type.Optional(Type.Union([DateOnly, Type.Null()])),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const ListItem = Type.Object({
  id: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  nameAr: Nullable(Type.String()),
  sex: Type.String(),
  dob: Nullable(Type.String()),
  nationalities: Type.Array(Type.String()),
  legalStatus: Type.String(),
  ageCategory: Type.String(),
  status: Type.String(),
  siteId: Type.String(),
  siteCode: Type.String(),
  cellId: Nullable(Type.String()),
  cellCode: Nullable(Type.String()),
  mergedInto: Nullable(Type.String()),
});
const Record = Type.Object({
  ...ListItem.properties,
  names: Type.Array(Name),
  wingCode: Nullable(Type.String()),
  arrestedAt: Nullable(Type.String()),
  arrestPlace: Nullable(Type.String()),
  admittedAt: Nullable(Type.String()),
  legalBases: Type.Array(
    Type.Object({
      id: Type.String(),
      basis: Type.String(),
      authority: Type.String(),
      from: Type.String(),
      to: Nullable(Type.String()),
      note: Nullable(Type.String()),
      recordedAt: Type.String(),
    }),
  ),
  mergedIntoNumber: Nullable(Type.String()),
  mergedFrom: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** The register's API: list and search, the record (every view audited), admission, changes. */
export const registerRoutes: FastifyPluginAsyncTypebox<{ register: RegisterService; clock: Clock }> = async (
  app,
  { register, clock },
) => {
  app.get(
    '/api/detainees',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['register'],
        summary: 'List detainees in my sites, with filters and paging',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            nationality: Type.Optional(Country),
            status: Type.Optional(Status),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            // Merged-away records are left out unless a reviewer asks for them.
            merged: Type.Optional(Type.Union([Type.Literal('include'), Type.Literal('only')])),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(ListItem), ...refusals },
      },
    },
    async (request) => register.list(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/detainees',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: 'Put a detainee on the register',
        body: Type.Object(
          {
            number: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$' })),
            names: Type.Array(Name, { minItems: 1, maxItems: 50 }),
            sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
            dob: Type.Optional(Nullable(PartialDate)),
            nationalities: Type.Array(Country, { maxItems: 5 }),
            legalStatus: Type.Union([Type.Literal('untried'), Type.Literal('convicted')]),
            ageCategory: Type.Union([Type.Literal('adult'), Type.Literal('juvenile')]),
            status: Type.Optional(Type.Union([Type.Literal('arriving'), Type.Literal('in_custody')])),
            siteId: Type.String({ minLength: 1 }),
            cellId: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
            arrestedAt: Type.Optional(Nullable(DateTime)),
            arrestPlace: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            admittedAt: Type.Optional(Nullable(DateTime)),
            legalBasis: Type.Optional(LegalBasisBody),
          },
          { additionalProperties: false },
        ),
        response: { 201: Record, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await register.create(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/detainees/:id',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['register'],
        summary: "A detainee's record (the view is audited)",
        params: IdParams,
        response: { 200: Record, ...refusals },
      },
    },
    async (request) => register.get(actorOf(request, clock), request.params.id),
  );

  app.patch(
    '/api/detainees/:id',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary:
          "Change status, category or arrest and admission details (moves between cells go through the housing module's checked moves)",
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(Status),
            legalStatus: Type.Optional(Type.Union([Type.Literal('untried'), Type.Literal('convicted')])),
            ageCategory: Type.Optional(Type.Union([Type.Literal('adult'), Type.Literal('juvenile')])),
            arrestedAt: Type.Optional(Nullable(DateTime)),
            arrestPlace: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            admittedAt: Type.Optional(Nullable(DateTime)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Record, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => register.update(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/detainees/:id/legal-bases',
    {
      config: { permission: 'legal-basis.write' },
      schema: {
        tags: ['register'],
        summary: 'Record a new legal basis of detention (the previous one ends where it starts)',
        params: IdParams,
        body: LegalBasisBody,
        response: { 201: Record, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await register.addLegalBasis(actorOf(request, clock), request.params.id, request.body)),
  );
};
