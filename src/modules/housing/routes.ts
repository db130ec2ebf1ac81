import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import {
  ErrorBody,
  IdParams,
  IsoDateTime,
  paged,
  Paging,
  refusals,
  Nullable,
} from '../../platform/http/schemas';
import type { HousingService } from './housing-service';
import {
  DETAINEE_ROLES,
  DIRECTIVE_SCOPES,
  type IntelligenceService,
  LINK_KINDS,
  RISK_LEVELS,
} from './intelligence-service';
import type { SegregationService } from './segregation-service';

const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateOnly = Type.String({ format: 'date' });
const Reason = Type.Object({ reason: Text() }, { additionalProperties: false });

const Party = Type.Object({
  id: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  siteId: Type.String(),
  cellId: Nullable(Type.String()),
});
const VersionFields = {
  version: Type.Integer(),
  active: Type.Boolean(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  supersededAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  closeReason: Nullable(Type.String()),
};
const Link = Type.Object({
  id: Type.String(),
  a: Party,
  b: Party,
  kind: Type.String(),
  weight: Type.Number(),
  source: Type.String(),
  note: Nullable(Type.String()),
  ...VersionFields,
});
const Directive = Type.Object({
  id: Type.String(),
  a: Party,
  b: Party,
  scope: Type.String(),
  reason: Type.String(),
  authorisedBy: Type.String(),
  reviewDate: Nullable(Type.String()),
  ...VersionFields,
});
const LinkKind = Type.Enum([...LINK_KINDS]);
const Weight = Type.Number({ exclusiveMinimum: 0, maximum: 1 });
const Scope = Type.Enum([...DIRECTIVE_SCOPES]);
const Classification = Type.Object({
  detaineeId: Type.String(),
  risk: Type.String(),
  role: Type.String(),
  reason: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  supersededAt: Nullable(Type.String()),
});

const PlanMove = Type.Object({
  detaineeId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  fromCellId: Nullable(Type.String()),
  fromCellCode: Nullable(Type.String()),
  toCellId: Type.String(),
  toCellCode: Type.String(),
  toWingCode: Type.String(),
  explanation: Type.String(),
});
const PlanSummary = {
  id: Type.String(),
  kind: Type.String(),
  siteIds: Type.Array(Type.String()),
  status: Type.String(),
  proposedAt: Type.String(),
  proposedBy: Type.String(),
  proposedById: Nullable(Type.String()),
  moveBudget: Type.Integer(),
  costBefore: Type.Number(),
  costAfter: Type.Number(),
  stats: Type.Object({
    cost: Type.Number(),
    costBefore: Type.Number(),
    moves: Type.Integer(),
    forcedMoves: Type.Integer(),
    placed: Type.Integer(),
    unplaced: Type.Integer(),
    linksBrokenUp: Type.Object({ cell: Type.Integer(), wing: Type.Integer() }),
    linksSharing: Type.Object({
      cell: Type.Integer(),
      wing: Type.Integer(),
      block: Type.Integer(),
      facility: Type.Integer(),
    }),
    elapsedMs: Type.Number(),
  }),
  note: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
};
const Plan = Type.Object({
  ...PlanSummary,
  moves: Type.Array(PlanMove),
  linksBrokenUp: Type.Array(
    Type.Object({
      linkId: Type.String(),
      a: Type.Object({ id: Type.String(), number: Type.String() }),
      b: Type.Object({ id: Type.String(), number: Type.String() }),
      kind: Type.String(),
      weight: Type.Number(),
      before: Type.String(),
      after: Nullable(Type.String()),
    }),
  ),
  unplaced: Type.Array(
    Type.Object({
      detaineeId: Type.String(),
      number: Type.String(),
      displayName: Type.String(),
      reasons: Type.Array(Type.String()),
    }),
  ),
});
const MoveCheck = Type.Object({
  allowed: Type.Boolean(),
  blocks: Type.Array(Type.String()),
  warnings: Type.Array(Type.String()),
  requiresConfirmation: Type.Boolean(),
});
const Move = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  fromCellId: Nullable(Type.String()),
  fromCellCode: Nullable(Type.String()),
  toCellId: Nullable(Type.String()),
  toCellCode: Nullable(Type.String()),
  movedAt: Type.String(),
  movedBy: Type.String(),
  reason: Type.String(),
  planId: Nullable(Type.String()),
  warningsConfirmed: Nullable(Type.Array(Type.String())),
});
const Segregation = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  siteId: Type.String(),
  cellCode: Nullable(Type.String()),
  reason: Type.String(),
  authority: Type.String(),
  startedAt: Type.String(),
  startedBy: Type.String(),
  countedFrom: Type.String(),
  plannedEnd: Type.String(),
  endedAt: Nullable(Type.String()),
  endedBy: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
  active: Type.Boolean(),
  day: Type.Integer(),
  breach: Type.Boolean(),
  day13AlertedAt: Nullable(Type.String()),
  breachFlaggedAt: Nullable(Type.String()),
  lastMedicalCheckAt: Nullable(Type.String()),
  reviews: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      outcome: Type.String(),
      note: Type.String(),
      at: Type.String(),
      by: Type.String(),
    }),
  ),
});

interface Deps {
  housing: HousingService;
  intelligence: IntelligenceService;
  segregation: SegregationService;
  clock: Clock;
}

/** Housing: intelligence (links, directives, classification, networks), plans, moves, segregation. */
export const housingRoutes: FastifyPluginAsyncTypebox<Deps> = async (
  app,
  { housing, intelligence, segregation, clock },
) => {
  // ---- association links ----
  app.get(
    '/api/intelligence/links',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'Association links (active, or with closed ones), by detainee or site',
        querystring: Type.Object(
          {
            detaineeId: Type.Optional(Id),
            siteId: Type.Optional(Id),
            includeClosed: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Link), ...refusals },
      },
    },
    async (request) => intelligence.listLinks(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/intelligence/links',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Record an association link between two detainees',
        body: Type.Object(
          {
            a: Id,
            b: Id,
            kind: LinkKind,
            weight: Weight,
            source: Text(500),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Link, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await intelligence.createLink(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/intelligence/links/:id',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'A link with every version',
        params: IdParams,
        response: { 200: Type.Object({ current: Link, versions: Type.Array(Link) }), ...refusals },
      },
    },
    async (request) => intelligence.getLink(actorOf(request, clock), request.params.id),
  );
  app.patch(
    '/api/intelligence/links/:id',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Change a link: a new version (the old one is kept)',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Optional(LinkKind),
            weight: Type.Optional(Weight),
            source: Type.Optional(Text(500)),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Link, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => intelligence.updateLink(actorOf(request, clock), request.params.id, request.body),
  );
  app.post(
    '/api/intelligence/links/:id/close',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Close a link with a reason (it stays on record)',
        params: IdParams,
        body: Reason,
        response: { 200: Link, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      intelligence.closeLink(actorOf(request, clock), request.params.id, request.body.reason),
  );

  // ---- non-association directives ----
  app.get(
    '/api/intelligence/directives',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'Non-association directives (active, or with closed ones), by detainee, site or review date',
        querystring: Type.Object(
          {
            detaineeId: Type.Optional(Id),
            siteId: Type.Optional(Id),
            includeClosed: Type.Optional(Type.Boolean()),
            reviewDueBy: Type.Optional(DateOnly),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Directive), ...refusals },
      },
    },
    async (request) => intelligence.listDirectives(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/intelligence/directives',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Issue a non-association directive (cell, wing, block or site)',
        body: Type.Object(
          {
            a: Id,
            b: Id,
            scope: Scope,
            reason: Text(),
            authorisedBy: Text(200),
            reviewDate: Type.Optional(Nullable(DateOnly)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Directive, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await intelligence.createDirective(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/intelligence/directives/:id',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'A directive with every version',
        params: IdParams,
        response: { 200: Type.Object({ current: Directive, versions: Type.Array(Directive) }), ...refusals },
      },
    },
    async (request) => intelligence.getDirective(actorOf(request, clock), request.params.id),
  );
  app.patch(
    '/api/intelligence/directives/:id',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Change a directive: a new version (the old one is kept)',
        params: IdParams,
        body: Type.Object(
          {
            scope: Type.Optional(Scope),
            reason: Type.Optional(Text()),
            authorisedBy: Type.Optional(Text(200)),
            reviewDate: Type.Optional(Nullable(DateOnly)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Directive, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => intelligence.updateDirective(actorOf(request, clock), request.params.id, request.body),
  );
  app.post(
    '/api/intelligence/directives/:id/close',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Close a directive with a reason (it stays on record)',
        params: IdParams,
        body: Reason,
        response: { 200: Directive, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      intelligence.closeDirective(actorOf(request, clock), request.params.id, request.body.reason),
  );

  // ---- classification ----
  const ClassificationResponse = Type.Object({
    current: Nullable(Classification),
    history: Type.Array(Classification),
  });
  app.get(
    '/api/detainees/:id/classification',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'Risk classification and role, with history',
        params: IdParams,
        response: { 200: ClassificationResponse, ...refusals },
      },
    },
    async (request) => intelligence.classification(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/detainees/:id/classification',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['intelligence'],
        summary: 'Classify a detainee (risk and role); the previous classification is kept',
        params: IdParams,
        body: Type.Object(
          { risk: Type.Enum([...RISK_LEVELS]), role: Type.Enum([...DETAINEE_ROLES]), reason: Text() },
          { additionalProperties: false },
        ),
        response: { 201: ClassificationResponse, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await intelligence.classify(actorOf(request, clock), request.params.id, request.body)),
  );

  // ---- networks ----
  app.get(
    '/api/intelligence/networks',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['intelligence'],
        summary: 'Latent networks (Louvain communities) in the active links',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            resolution: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
            minSize: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            modularity: Type.Number(),
            links: Type.Integer(),
            networks: Type.Array(
              Type.Object({
                id: Type.Integer(),
                size: Type.Integer(),
                sharingWings: Type.Integer(),
                members: Type.Array(
                  Type.Object({
                    id: Type.String(),
                    number: Type.String(),
                    displayName: Type.String(),
                    siteId: Type.String(),
                    cellId: Nullable(Type.String()),
                    cellCode: Nullable(Type.String()),
                    wingId: Nullable(Type.String()),
                  }),
                ),
              }),
            ),
          }),
          ...refusals,
        },
      },
    },
    async (request) => intelligence.networks(actorOf(request, clock), request.query),
  );

  // ---- plans ----
  app.post(
    '/api/housing/plans',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['housing'],
        summary: 'Propose a plan: a re-plan within a move budget, or placements for the unhoused',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('replan'), Type.Literal('placement')]),
            siteIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
            moveBudget: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
            detaineeIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 20_000 })),
            timeLimitSeconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 60 })),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Plan, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await housing.propose(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/housing/plans',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['housing'],
        summary: 'Plans, newest first',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['proposed', 'approved', 'rejected', 'stale'])), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: paged(Type.Object(PlanSummary)), ...refusals },
      },
    },
    async (request) => housing.listPlans(actorOf(request, clock), request.query),
  );
  app.get(
    '/api/housing/plans/:id',
    {
      config: { permission: 'intelligence.read' },
      schema: {
        tags: ['housing'],
        summary: 'A plan: moves, cost before and after, links broken up, unplaced',
        params: IdParams,
        response: { 200: Plan, ...refusals },
      },
    },
    async (request) => housing.getPlan(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/housing/plans/:id/approve',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['housing'],
        summary: 'Approve a plan: every move re-checked and executed at once, or none (409 with the reasons)',
        params: IdParams,
        body: Type.Object(
          { note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
          { additionalProperties: false },
        ),
        response: { 200: Plan, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => housing.approvePlan(actorOf(request, clock), request.params.id, request.body.note),
  );
  app.post(
    '/api/housing/plans/:id/reject',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags: ['housing'],
        summary: 'Reject a plan with a note',
        params: IdParams,
        body: Type.Object({ note: Text() }, { additionalProperties: false }),
        response: { 200: Plan, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => housing.rejectPlan(actorOf(request, clock), request.params.id, request.body.note),
  );

  // ---- moves ----
  app.get(
    '/api/detainees/:id/move-check',
    {
      config: { permission: 'housing.move' },
      schema: {
        tags: ['housing'],
        summary: 'What a move to a cell would break (blocks) or risk (warnings)',
        params: IdParams,
        querystring: Type.Object({ toCellId: Id }, { additionalProperties: false }),
        response: { 200: MoveCheck, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => housing.checkMove(actorOf(request, clock), request.params.id, request.query.toCellId),
  );
  app.post(
    '/api/detainees/:id/moves',
    {
      config: { permission: 'housing.move' },
      schema: {
        tags: ['housing'],
        summary:
          'Move a detainee to another cell: blocked by a rule (409 move_blocked); with a warning, only with confirm: true (409 confirmation_required)',
        params: IdParams,
        body: Type.Object(
          { toCellId: Id, reason: Text(500), confirm: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: Move, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await housing.move(actorOf(request, clock), request.params.id, request.body)),
  );
  app.get(
    '/api/detainees/:id/moves',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['housing'],
        summary: "A detainee's move history, newest first",
        params: IdParams,
        response: { 200: Type.Array(Move), ...refusals },
      },
    },
    async (request) => housing.moveHistory(actorOf(request, clock), request.params.id),
  );

  // ---- segregation ----
  app.post(
    '/api/detainees/:id/segregations',
    {
      config: { permission: 'segregation.write' },
      schema: {
        tags: ['segregation'],
        summary: 'Start segregation: reason, authority, planned end (at most 15 days ahead)',
        params: IdParams,
        body: Type.Object(
          { reason: Text(), authority: Text(200), plannedEnd: IsoDateTime },
          { additionalProperties: false },
        ),
        response: { 201: Segregation, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await segregation.start(actorOf(request, clock), request.params.id, request.body)),
  );
  app.get(
    '/api/detainees/:id/segregations',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['segregation'],
        summary: "A detainee's periods of segregation",
        params: IdParams,
        response: { 200: Type.Array(Segregation), ...refusals },
      },
    },
    async (request) => segregation.forDetainee(actorOf(request, clock), request.params.id),
  );
  app.get(
    '/api/sites/:id/segregations',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['segregation'],
        summary: "A site's segregations (active by default), breaches first",
        params: IdParams,
        querystring: Type.Object(
          { includeEnded: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Segregation), ...refusals },
      },
    },
    async (request) => segregation.forSite(actorOf(request, clock), request.params.id, request.query),
  );
  app.post(
    '/api/segregations/:id/reviews',
    {
      config: { permission: 'segregation.write' },
      schema: {
        tags: ['segregation'],
        summary: 'Record a review of a segregation',
        params: IdParams,
        body: Type.Object(
          { outcome: Type.Union([Type.Literal('continue'), Type.Literal('end')]), note: Text() },
          { additionalProperties: false },
        ),
        response: { 201: Segregation, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await segregation.addReview(actorOf(request, clock), request.params.id, 'review', request.body),
        ),
  );
  app.post(
    '/api/segregations/:id/medical-checks',
    {
      config: { permission: 'segregation.medical' },
      schema: {
        tags: ['segregation'],
        summary: 'Record a medical check of a segregated detainee (medical staff)',
        params: IdParams,
        body: Type.Object(
          { outcome: Type.Union([Type.Literal('fit'), Type.Literal('unfit')]), note: Text() },
          { additionalProperties: false },
        ),
        response: { 201: Segregation, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await segregation.addReview(actorOf(request, clock), request.params.id, 'medical', request.body),
        ),
  );
  app.post(
    '/api/segregations/:id/end',
    {
      config: { permission: 'segregation.write' },
      schema: {
        tags: ['segregation'],
        summary: 'End a segregation with a reason',
        params: IdParams,
        body: Reason,
        response: { 200: Segregation, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => segregation.end(actorOf(request, clock), request.params.id, request.body.reason),
  );
};
