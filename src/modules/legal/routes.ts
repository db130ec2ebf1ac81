import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { ErrorBody, IdParams, paged, Paging, refusals, Nullable } from '../../platform/http/schemas';
import { CASE_STAGES, HEARING_KINDS, HEARING_OUTCOMES, type LegalService } from './legal-service';

const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Days = Type.Integer({ minimum: 0, maximum: 36500 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const Step = Type.Object({
  rule: Type.String(),
  text: Type.String(),
  date: Type.Optional(Type.String()),
  days: Type.Optional(Type.Integer()),
});
const Rule = Type.Object({
  id: Type.String(),
  basis: Type.String(),
  maxDaysBeforeCharge: Nullable(Type.Integer()),
  reviewIntervalDays: Nullable(Type.Integer()),
  maxPretrialDays: Nullable(Type.Integer()),
  warnDaysBefore: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
const Basis = Type.Object({
  id: Type.String(),
  basis: Type.String(),
  authority: Type.String(),
  from: Type.String(),
  to: Nullable(Type.String()),
});
const Clock = Type.Object({
  detainee: Type.Object({
    id: Type.String(),
    number: Type.String(),
    displayName: Type.String(),
    siteId: Type.String(),
    status: Type.String(),
  }),
  clock: Type.Object({
    detaineeId: Type.String(),
    today: Type.String(),
    basis: Type.Object({
      status: Type.String(),
      current: Nullable(Basis),
      rule: Nullable(
        Type.Object({
          basis: Type.String(),
          maxDaysBeforeCharge: Nullable(Type.Integer()),
          reviewIntervalDays: Nullable(Type.Integer()),
          maxPretrialDays: Nullable(Type.Integer()),
          warnDaysBefore: Type.Integer(),
        }),
      ),
      steps: Type.Array(Step),
    }),
    deadlines: Type.Array(
      Type.Object({
        kind: Type.String(),
        date: Type.String(),
        state: Type.String(),
        warnFrom: Type.String(),
        steps: Type.Array(Step),
      }),
    ),
    release: Nullable(Type.Object({ date: Type.String(), steps: Type.Array(Step) })),
    problems: Type.Array(Type.Object({ kind: Type.String(), since: Type.String(), steps: Type.Array(Step) })),
  }),
});
const Hearing = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseReference: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  court: Type.String(),
  kind: Type.String(),
  scheduledAt: Type.String(),
  outcome: Nullable(Type.String()),
  outcomeNote: Nullable(Type.String()),
  outcomeRecordedAt: Nullable(Type.String()),
  outcomeRecordedBy: Nullable(Type.String()),
});
const CaseItem = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  court: Type.String(),
  stage: Type.String(),
  openedOn: Type.String(),
  updatedAt: Type.String(),
});
const Case = Type.Object({
  ...CaseItem.properties,
  createdAt: Type.String(),
  nextStages: Type.Array(Type.String()),
  charges: Type.Array(
    Type.Object({
      id: Type.String(),
      law: Type.String(),
      article: Type.String(),
      description: Nullable(Type.String()),
      chargedOn: Type.String(),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
  stages: Type.Array(
    Type.Object({
      stage: Type.String(),
      enteredOn: Type.String(),
      outcome: Nullable(Type.String()),
      note: Nullable(Type.String()),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
  accused: Type.Array(
    Type.Object({
      id: Type.String(),
      detaineeId: Nullable(Type.String()),
      name: Type.String(),
      addedAt: Type.String(),
    }),
  ),
  hearings: Type.Array(Hearing),
  sentences: Type.Array(
    Type.Object({
      id: Type.String(),
      imposedOn: Type.String(),
      startsOn: Type.String(),
      years: Type.Integer(),
      months: Type.Integer(),
      days: Type.Integer(),
      consecutive: Type.Boolean(),
      creditDays: Nullable(Type.Integer()),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
  lawyers: Type.Array(
    Type.Object({
      id: Type.String(),
      lawyerName: Type.String(),
      barNumber: Nullable(Type.String()),
      assignedOn: Type.String(),
      endedOn: Nullable(Type.String()),
    }),
  ),
});
const ChargeBody = Type.Object(
  {
    law: Text(200),
    article: Text(100),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    chargedOn: DateOnly,
  },
  { additionalProperties: false },
);
const Visit = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  lawyerName: Type.String(),
  visitedAt: Type.String(),
  durationMinutes: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
const withConflict = { ...refusals, 409: ErrorBody };

/** Due process: holding rules, the legal clock, cases and their stages, charges, hearings, sentences, lawyers. */
export const legalRoutes: FastifyPluginAsyncTypebox<{ legal: LegalService; clock: Clock }> = async (
  app,
  { legal, clock },
) => {
  const tags = ['legal'];

  app.get(
    '/api/legal/rules',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: 'Holding-limit rules per legal basis (`*` is the default)',
        response: { 200: Type.Array(Rule), ...refusals },
      },
    },
    async () => legal.listRules(),
  );

  app.put(
    '/api/legal/rules',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary:
          'Set the holding limits for a legal basis (created or changed; the audit keeps the old values)',
        body: Type.Object(
          {
            basis: Text(200),
            maxDaysBeforeCharge: Nullable(Days),
            reviewIntervalDays: Nullable(Type.Integer({ minimum: 1, maximum: 3650 })),
            maxPretrialDays: Nullable(Days),
            warnDaysBefore: Type.Integer({ minimum: 0, maximum: 365 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Rule, ...refusals },
      },
    },
    async (request) => legal.setRule(actorOf(request, clock), request.body),
  );

  app.post(
    '/api/legal/check',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary:
          'Run the legal-clock check now (the server runs it on a timer): raises unlawful detention and approaching deadlines',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: {
          200: Type.Object({
            today: Type.String(),
            checked: Type.Integer(),
            unlawful: Type.Integer(),
            raised: Type.Array(
              Type.Object({ kind: Type.String(), detaineeId: Type.String(), alertId: Type.String() }),
            ),
          }),
          ...refusals,
        },
      },
    },
    async (request) => legal.checkLegalClock(clock.now(), actorOf(request, clock)),
  );

  app.get(
    '/api/detainees/:id/legal-clock',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: "A detainee's legal clock: basis, deadlines and release date, each with its reasoning",
        params: IdParams,
        response: { 200: Clock, ...refusals },
      },
    },
    async (request) => legal.clockOf(actorOf(request, clock), request.params.id),
  );

  app.get(
    '/api/detainees/:id/lawyer-visits',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: "A detainee's lawyer visits (Mandela Rule 61)",
        params: IdParams,
        response: { 200: Type.Array(Visit), ...refusals },
      },
    },
    async (request) => legal.lawyerVisits(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/detainees/:id/lawyer-visits',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Record a lawyer visit (who, when, how long; never its content)',
        params: IdParams,
        body: Type.Object(
          {
            lawyerName: Text(200),
            visitedAt: DateTime,
            durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Visit, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.addLawyerVisit(actorOf(request, clock), request.params.id, request.body)),
  );

  app.get(
    '/api/legal/cases',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: 'Cases in my sites, by detainee (accused or co-accused), stage or site',
        querystring: Type.Object(
          {
            detaineeId: Type.Optional(Type.String({ minLength: 1 })),
            stage: Type.Optional(Type.Enum([...CASE_STAGES])),
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            open: Type.Optional(Type.Boolean()),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(CaseItem), ...refusals },
      },
    },
    async (request) => legal.listCases(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/legal/cases',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Open a case (stage investigation), with its charges if known',
        body: Type.Object(
          {
            detaineeId: Type.String({ minLength: 1 }),
            reference: Text(100),
            court: Text(200),
            openedOn: DateOnly,
            charges: Type.Optional(Type.Array(ChargeBody, { maxItems: 50 })),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await legal.createCase(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/legal/cases/:id',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: 'A case: charges, stages, co-accused, hearings, sentences, lawyers',
        params: IdParams,
        response: { 200: Case, ...refusals },
      },
    },
    async (request) => legal.getCase(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/legal/cases/:id/stages',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Move a case to its next stage (no stage may be skipped)',
        params: IdParams,
        body: Type.Object(
          {
            stage: Type.Enum([...CASE_STAGES]),
            on: DateOnly,
            outcome: Type.Optional(
              Nullable(
                Type.Union(
                  ['convicted', 'acquitted', 'discontinued', 'upheld', 'overturned'].map((o) =>
                    Type.Literal(o),
                  ),
                ),
              ),
            ),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.advanceStage(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/legal/cases/:id/charges',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Add a charge (law and article)',
        params: IdParams,
        body: ChargeBody,
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await legal.addCharge(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/legal/cases/:id/co-accused',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Add a co-accused: a detainee on the register, or a name',
        params: IdParams,
        body: Type.Object(
          {
            detaineeId: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
            name: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.addCoAccused(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/legal/cases/:id/hearings',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: "Schedule a hearing (court defaults to the case's)",
        params: IdParams,
        body: Type.Object(
          { court: Type.Optional(Text(200)), kind: Type.Enum([...HEARING_KINDS]), scheduledAt: DateTime },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.addHearing(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/legal/hearings/:id/outcome',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Record what happened at a hearing (once, after it)',
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Enum([...HEARING_OUTCOMES]),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Hearing, ...withConflict },
      },
    },
    async (request) => legal.recordHearingOutcome(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/legal/cases/:id/sentences',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Record a sentence (the release date follows from the legal clock)',
        params: IdParams,
        body: Type.Object(
          {
            imposedOn: DateOnly,
            startsOn: Type.Optional(DateOnly),
            years: Type.Integer({ maximum: 200 }),
            months: Type.Integer({ maximum: 2400 }),
            days: Type.Integer({ maximum: 73000 }),
            consecutive: Type.Boolean(),
            creditDays: Type.Optional(Nullable(Type.Integer())),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.addSentence(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/legal/cases/:id/lawyers',
    {
      config: { permission: 'legal.write' },
      schema: {
        tags,
        summary: 'Assign a lawyer to the case (the previous one ends that day)',
        params: IdParams,
        body: Type.Object(
          {
            lawyerName: Text(200),
            barNumber: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            assignedOn: DateOnly,
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await legal.assignLawyer(actorOf(request, clock), request.params.id, request.body)),
  );

  app.get(
    '/api/legal/hearings',
    {
      config: { permission: 'legal.read' },
      schema: {
        tags,
        summary: 'The hearings calendar: hearings in a date range, by site and court',
        querystring: Type.Object(
          {
            from: DateOnly,
            to: DateOnly,
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            court: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Hearing), ...refusals },
      },
    },
    async (request) => legal.calendar(actorOf(request, clock), request.query),
  );
};
