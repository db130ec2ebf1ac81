import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { ErrorBody, IdParams, paged, Paging, refusals, Nullable } from '../../platform/http/schemas';
import { CONSULAR_EVENTS, type ConsularService } from './consular-service';
import { REPATRIATION_STAGES, type RepatriationService } from './repatriation-service';

const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Note = Type.Optional(Nullable(Type.String({ maxLength: 4000 })));
const withConflict = { ...refusals, 409: ErrorBody };

const ConsularEvent = Type.Object({
  id: Type.String(),
  type: Type.String(),
  occurredAt: Type.String(),
  channel: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
const ConsularRecord = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  country: Type.String(),
  consulate: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
  informedAt: Nullable(Type.String()),
  daysToInform: Nullable(Type.Integer()),
  requested: Nullable(Type.Boolean()),
  requestedAt: Nullable(Type.String()),
  notifiedAt: Nullable(Type.String()),
  notifiedHow: Nullable(Type.String()),
  lettersForwarded: Type.Integer(),
  visits: Type.Integer(),
  objection: Type.Boolean(),
  events: Type.Array(ConsularEvent),
});

/** Consular notification and access (Vienna Convention Art. 36). */
export const consularRoutes: FastifyPluginAsyncTypebox<{ consular: ConsularService; clock: Clock }> = async (
  app,
  { consular, clock },
) => {
  const tags = ['consular'];
  app.get(
    '/api/consular/records',
    {
      config: { permission: 'consular.read' },
      schema: {
        tags,
        summary: 'Consular records in my sites, by detainee or country',
        querystring: Type.Object(
          { detaineeId: Type.Optional(Type.String({ minLength: 1 })), country: Type.Optional(Country) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ConsularRecord), ...refusals },
      },
    },
    async (request) => consular.list(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/consular/records',
    {
      config: { permission: 'consular.write' },
      schema: {
        tags,
        summary: 'Open the consular record of a foreign national for one of their nationalities',
        body: Type.Object(
          {
            detaineeId: Type.String({ minLength: 1 }),
            country: Country,
            consulate: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: ConsularRecord, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consular.create(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/consular/records/:id',
    {
      config: { permission: 'consular.read' },
      schema: {
        tags,
        summary: 'A consular record with its events',
        params: IdParams,
        response: { 200: ConsularRecord, ...refusals },
      },
    },
    async (request) => consular.get(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/consular/records/:id/events',
    {
      config: { permission: 'consular.write' },
      schema: {
        tags,
        summary:
          'Record what happened: told of the right, asked or declined, consulate told, letter forwarded, visit, objection',
        params: IdParams,
        body: Type.Object(
          {
            type: Type.Enum([...CONSULAR_EVENTS]),
            occurredAt: DateTime,
            channel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            detail: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: ConsularRecord, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await consular.addEvent(actorOf(request, clock), request.params.id, request.body)),
  );
};

const Official = Type.Object(
  { name: Text(200), role: Text(200), organisation: Text(300) },
  { additionalProperties: false },
);
const StateLimit = Type.Object({
  country: Type.String(),
  maxDaysBeforeCharge: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
const CaseItem = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  requestingState: Type.String(),
  reference: Nullable(Type.String()),
  stage: Type.String(),
  requestedOn: Type.String(),
  updatedAt: Type.String(),
});
const Case = Type.Object({
  ...CaseItem.properties,
  detaineeStatus: Type.String(),
  suspendedFrom: Nullable(Type.String()),
  handoverAt: Nullable(Type.String()),
  handoverPlace: Nullable(Type.String()),
  receivingOfficials: Type.Array(
    Type.Object({ name: Type.String(), role: Type.String(), organisation: Type.String() }),
  ),
  stateLimit: Nullable(StateLimit),
  nextStages: Type.Array(Type.String()),
  createdAt: Type.String(),
  steps: Type.Array(
    Type.Object({
      id: Type.String(),
      stage: Type.String(),
      at: Type.String(),
      note: Nullable(Type.String()),
      documents: Type.Array(Type.String()),
      detail: Type.Unknown(),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
});
const Documents = Type.Optional(Type.Array(Text(300), { maxItems: 50 }));

/** Repatriation cases per requesting state, the states' legal limits, nationality figures. */
export const repatriationRoutes: FastifyPluginAsyncTypebox<{
  repatriation: RepatriationService;
  clock: Clock;
}> = async (app, { repatriation, clock }) => {
  const tags = ['repatriation'];
  app.get(
    '/api/repatriation/states',
    {
      config: { permission: 'repatriation.read' },
      schema: {
        tags,
        summary: 'The legal limits each requesting state faces',
        response: { 200: Type.Array(StateLimit), ...refusals },
      },
    },
    async () => repatriation.listStates(),
  );
  app.put(
    '/api/repatriation/states/:country',
    {
      config: { permission: 'repatriation.write' },
      schema: {
        tags,
        summary: "Set a requesting state's legal limits (shown on its cases)",
        params: Type.Object({ country: Country }, { additionalProperties: false }),
        body: Type.Object(
          { maxDaysBeforeCharge: Nullable(Type.Integer({ minimum: 0, maximum: 36500 })), note: Note },
          { additionalProperties: false },
        ),
        response: { 200: StateLimit, ...refusals },
      },
    },
    async (request) => repatriation.setState(actorOf(request, clock), request.params.country, request.body),
  );
  app.get(
    '/api/repatriation/statistics',
    {
      config: { permission: 'repatriation.read' },
      schema: {
        tags,
        summary:
          'Nationality figures: detainees in custody by nationality, site and legal status; cases by state and stage',
        response: {
          200: Type.Object({
            byNationality: Type.Array(
              Type.Object({
                country: Type.String(),
                inCustody: Type.Integer(),
                untried: Type.Integer(),
                convicted: Type.Integer(),
              }),
            ),
            byNationalitySiteStatus: Type.Array(
              Type.Object({
                country: Type.String(),
                siteId: Type.String(),
                legalStatus: Type.String(),
                count: Type.Integer(),
              }),
            ),
            casesByStateStage: Type.Array(
              Type.Object({ state: Type.String(), stage: Type.String(), count: Type.Integer() }),
            ),
          }),
          ...refusals,
        },
      },
    },
    async (request) => repatriation.statistics(actorOf(request, clock)),
  );
  app.get(
    '/api/repatriation/cases',
    {
      config: { permission: 'repatriation.read' },
      schema: {
        tags,
        summary: 'Repatriation cases in my sites, by requesting state, stage or detainee',
        querystring: Type.Object(
          {
            state: Type.Optional(Country),
            stage: Type.Optional(Type.Enum([...REPATRIATION_STAGES])),
            detaineeId: Type.Optional(Type.String({ minLength: 1 })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(CaseItem), ...refusals },
      },
    },
    async (request) => repatriation.list(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/repatriation/cases',
    {
      config: { permission: 'repatriation.write' },
      schema: {
        tags,
        summary: "Open a repatriation case on a state's request (stage request_received)",
        body: Type.Object(
          {
            detaineeId: Type.String({ minLength: 1 }),
            requestingState: Country,
            requestedOn: Type.Optional(DateOnly),
            reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            note: Note,
            documents: Documents,
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await repatriation.create(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/repatriation/cases/:id',
    {
      config: { permission: 'repatriation.read' },
      schema: {
        tags,
        summary: 'A repatriation case with every step',
        params: IdParams,
        response: { 200: Case, ...refusals },
      },
    },
    async (request) => repatriation.get(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/repatriation/cases/:id/steps',
    {
      config: { permission: 'repatriation.write' },
      schema: {
        tags,
        summary:
          'Move a case on (no stage skipped), or refuse, withdraw or suspend it with reasons; the handover ends custody',
        params: IdParams,
        body: Type.Object(
          {
            stage: Type.Enum([...REPATRIATION_STAGES]),
            at: DateTime,
            note: Note,
            documents: Documents,
            courtDecision: Type.Optional(
              Nullable(
                Type.Object(
                  {
                    court: Text(200),
                    decidedOn: DateOnly,
                    reference: Text(100),
                    summary: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
            handover: Type.Optional(
              Nullable(
                Type.Object(
                  {
                    at: DateTime,
                    place: Text(300),
                    receivingOfficials: Type.Optional(Type.Array(Official, { maxItems: 20 })),
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await repatriation.addStep(actorOf(request, clock), request.params.id, request.body)),
  );
};
