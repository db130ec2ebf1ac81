import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import {
  ErrorBody,
  IdParams,
  IsoDateTime,
  paged,
  Paging,
  PartialDate,
  refusals,
  Nullable,
} from '../../platform/http/schemas';
import { NAME_KINDS } from '../register';
import type { ArrivalsService } from './arrivals-service';
import type { IntakeService } from './intake-service';
import {
  MOVEMENT_KINDS,
  MOVEMENT_STATUSES,
  type MovementsService,
  RELEASE_GROUNDS,
} from './movements-service';
import { MANIFEST_FIELDS } from './read-manifest';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Field = Type.Enum([...MANIFEST_FIELDS]);
const ValueMap = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 40 }));
const MappingBody = Type.Object(
  {
    name: Text(120),
    columns: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Field),
    values: Type.Optional(
      Type.Object(
        {
          sex: Type.Optional(ValueMap),
          legal_status: Type.Optional(ValueMap),
          age_category: Type.Optional(ValueMap),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const Mapping = Type.Object({
  id: Type.String(),
  name: Type.String(),
  columns: Type.Record(Type.String(), Type.String()),
  values: Type.Record(Type.String(), Type.Record(Type.String(), Type.String())),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
});
const RowError = Type.Object({ row: Type.Integer(), field: Type.String(), reason: Type.String() });
const Counts = Type.Object({
  rows: Type.Integer(),
  new: Type.Integer(),
  linked: Type.Integer(),
  review: Type.Integer(),
  invalid: Type.Integer(),
  alreadyApplied: Type.Integer(),
});
const Batch = Type.Object({
  id: Type.String(),
  manifestRef: Type.String(),
  siteId: Type.String(),
  sendingAuthority: Nullable(Type.String()),
  format: Type.String(),
  fileName: Nullable(Type.String()),
  mappingId: Nullable(Type.String()),
  status: Type.String(),
  counts: Counts,
  errors: Type.Array(RowError),
  ignoredColumns: Type.Array(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
  acceptedAt: Nullable(Type.String()),
  acceptedBy: Nullable(Type.String()),
  housingPlanId: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});
const Evidence = Type.Object({
  direction: Type.String(),
  field: Type.String(),
  weight: Type.Number(),
  message: Type.String(),
  hard: Type.Optional(Type.Boolean()),
});
const Hit = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  score: Type.Number(),
  decision: Type.String(),
  evidence: Type.Array(Evidence),
  reason: Type.Optional(Type.String()),
});
const Row = Type.Object({
  row: Type.Integer(),
  manifestNo: Type.String(),
  manifestRow: Type.Integer(),
  displayName: Type.String(),
  nameAr: Nullable(Type.String()),
  sex: Type.String(),
  dob: Nullable(Type.String()),
  nationalities: Type.Array(Type.String()),
  outcome: Type.String(),
  candidate: Nullable(
    Type.Object({ id: Type.String(), number: Type.String(), score: Nullable(Type.Number()) }),
  ),
  evidence: Type.Array(Hit),
});
const Handover = Type.Object(
  {
    handedOverBy: Text(200),
    receivedBy: Text(200),
    escort: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    at: Type.Optional(Nullable(IsoDateTime)),
    place: Text(300),
  },
  { additionalProperties: false },
);
const HandoverView = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  siteId: Type.String(),
  kind: Type.String(),
  refId: Nullable(Type.String()),
  handedOverBy: Type.String(),
  receivedBy: Type.String(),
  escort: Nullable(Type.String()),
  at: Type.String(),
  place: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
const Reconciliation = Type.Object({
  batchId: Type.String(),
  siteId: Type.String(),
  expected: Type.Integer(),
  arrived: Type.Integer(),
  outstanding: Type.Integer(),
  missing: Type.Integer(),
  unexpected: Type.Integer(),
  closedAt: Nullable(Type.String()),
});
const Arrival = Type.Object({
  id: Type.String(),
  batchId: Nullable(Type.String()),
  manifestNo: Nullable(Type.String()),
  manifestRow: Nullable(Type.Integer()),
  detaineeId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  nameAr: Nullable(Type.String()),
  match: Type.String(),
  status: Type.String(),
  arrivedAt: Nullable(Type.String()),
  confirmedBy: Nullable(Type.String()),
  admitted: Type.Boolean(),
});
const Property = Type.Object(
  {
    item: Text(200),
    quantity: Type.Integer({ minimum: 0, maximum: 100000 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
const Injury = Type.Object(
  { description: Text(1000), bodyArea: Type.Optional(Nullable(Type.String({ maxLength: 100 }))) },
  { additionalProperties: false },
);
const Admission = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  arrivalId: Nullable(Type.String()),
  siteId: Type.String(),
  admittedAt: Type.String(),
  property: Type.Array(
    Type.Object({
      item: Type.String(),
      quantity: Type.Integer(),
      description: Type.Optional(Nullable(Type.String())),
    }),
  ),
  injuries: Type.Optional(
    Nullable(
      Type.Array(
        Type.Object({ description: Type.String(), bodyArea: Type.Optional(Nullable(Type.String())) }),
      ),
    ),
  ),
  illTreatmentComplaint: Type.Optional(Nullable(Type.String())),
  medicalHidden: Type.Boolean(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
const Review = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  candidateId: Type.String(),
  siteId: Type.String(),
  score: Type.Number(),
  evidence: Type.Array(Hit),
  source: Type.String(),
  sourceId: Nullable(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
const Movement = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  siteId: Type.String(),
  kind: Type.String(),
  destination: Type.String(),
  destinationSiteId: Nullable(Type.String()),
  status: Type.String(),
  scheduledFor: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
  history: Type.Array(
    Type.Object({
      status: Type.String(),
      at: Type.String(),
      by: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
});
const PropertyOut = Type.Array(
  Type.Object({
    item: Type.String(),
    quantity: Type.Integer(),
    description: Type.Optional(Nullable(Type.String())),
  }),
);
const Release = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  siteId: Type.String(),
  grounds: Type.String(),
  legalAuthority: Type.String(),
  orderRef: Type.String(),
  legalBasisId: Nullable(Type.String()),
  identityCheck: Type.Object({
    method: Type.String(),
    confirmedBy: Type.String(),
    documentRef: Type.Optional(Nullable(Type.String())),
  }),
  status: Type.String(),
  requestedAt: Type.String(),
  requestedBy: Type.String(),
  approvedAt: Nullable(Type.String()),
  approvedBy: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  completedBy: Nullable(Type.String()),
  propertyReturned: Nullable(PropertyOut),
  signedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
const Name = Type.Object(
  {
    name: Text(200),
    script: Type.Union([Type.Literal('arabic'), Type.Literal('latin')]),
    kind: Type.Enum([...NAME_KINDS]),
  },
  { additionalProperties: false },
);
const conflict = { 409: ErrorBody };

/**
 * Transfers and intake: column mappings, manifest imports (preview, accept), housing for the
 * batch, the arrival day (confirm, unexpected, close, live reconciliation), admissions, the chain
 * of custody, the duplicate review queue, moves out and releases.
 */
export const intakeRoutes: FastifyPluginAsyncTypebox<{
  intake: IntakeService;
  arrivals: ArrivalsService;
  movements: MovementsService;
  clock: Clock;
}> = async (app, { intake, arrivals, movements, clock }) => {
  const tags = ['intake'];
  // ── mappings
  app.get(
    '/api/intake/mappings',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'Saved column mappings of sending authorities',
        response: { 200: Type.Array(Mapping), ...refusals },
      },
    },
    async () => intake.listMappings(),
  );
  app.post(
    '/api/intake/mappings',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Save a column mapping',
        body: MappingBody,
        response: { 201: Mapping, ...refusals, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await intake.createMapping(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/intake/mappings/:id',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'A column mapping',
        params: IdParams,
        response: { 200: Mapping, ...refusals },
      },
    },
    async (request) => intake.getMapping(request.params.id),
  );
  app.put(
    '/api/intake/mappings/:id',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Change a column mapping',
        params: IdParams,
        body: MappingBody,
        response: { 200: Mapping, ...refusals, ...conflict },
      },
    },
    async (request) => intake.updateMapping(actorOf(request, clock), request.params.id, request.body),
  );
  app.delete(
    '/api/intake/mappings/:id',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Delete a column mapping (its content stays in the audit)',
        params: IdParams,
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await intake.deleteMapping(actorOf(request, clock), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ── imports
  app.post(
    '/api/intake/imports',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Import a manifest: every row checked and screened; a preview, nothing applied',
        body: Type.Object(
          {
            content: Type.Optional(Type.String({ maxLength: 15_000_000 })),
            contentBase64: Type.Optional(Type.String({ maxLength: 20_000_000 })),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])),
            fileName: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            siteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            siteCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            manifestRef: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120 }))),
            sendingAuthority: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            mappingId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Batch, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await intake.preview(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/intake/imports',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'Manifest imports in my sites',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            status: Type.Optional(Type.Enum(['preview', 'accepted', 'discarded'])),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Batch), ...refusals },
      },
    },
    async (request) => intake.listBatches(actorOf(request, clock), request.query),
  );
  app.get(
    '/api/intake/imports/:id',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'An import with its counts and every row error',
        params: IdParams,
        response: { 200: Batch, ...refusals },
      },
    },
    async (request) => intake.getBatch(actorOf(request, clock), request.params.id),
  );
  app.get(
    '/api/intake/imports/:id/rows',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'The preview row by row, with the screening evidence',
        params: IdParams,
        querystring: Type.Object(
          { outcome: Type.Optional(Type.Enum(['new', 'linked', 'review', 'applied'])), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: paged(Row), ...refusals },
      },
    },
    async (request) => intake.rows(actorOf(request, clock), request.params.id, request.query),
  );
  app.post(
    '/api/intake/imports/:id/accept',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Accept the import: all of it onto the register, or none',
        params: IdParams,
        response: { 200: Batch, ...refusals, ...conflict },
      },
    },
    async (request) => intake.accept(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/intake/imports/:id/discard',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Discard a preview',
        params: IdParams,
        response: { 200: Batch, ...refusals, ...conflict },
      },
    },
    async (request) => intake.discard(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/intake/imports/:id/housing',
    {
      config: { permission: 'intelligence.write' },
      schema: {
        tags,
        summary: 'Propose housing for the whole batch, anywhere in my estate, for approval',
        params: IdParams,
        response: { 200: Batch, ...refusals, ...conflict },
      },
    },
    async (request) => intake.proposeHousing(actorOf(request, clock), request.params.id),
  );

  // ── arrival day
  app.get(
    '/api/intake/imports/:id/reconciliation',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'Expected, arrived, outstanding, missing, unexpected',
        params: IdParams,
        response: { 200: Reconciliation, ...refusals },
      },
    },
    async (request) => arrivals.reconciliation(actorOf(request, clock), request.params.id),
  );
  app.get(
    '/api/intake/imports/:id/arrivals',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'The arrivals of an import, searchable by manifest number or name',
        params: IdParams,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(['expected', 'arrived', 'missing', 'unexpected'])),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Arrival), ...refusals },
      },
    },
    async (request) => arrivals.list(actorOf(request, clock), request.params.id, request.query),
  );
  app.post(
    '/api/intake/imports/:id/arrivals/confirm',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Confirm an arrival, with the handover',
        params: IdParams,
        body: Type.Object(
          { manifestNo: Type.Optional(Text(60)), arrivalId: Type.Optional(Text(64)), handover: Handover },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ arrival: Arrival, reconciliation: Reconciliation }),
          ...refusals,
          ...conflict,
        },
      },
    },
    async (request) => arrivals.confirm(actorOf(request, clock), request.params.id, request.body),
  );
  app.post(
    '/api/intake/imports/:id/arrivals/unexpected',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Record someone handed over who is not on the manifest',
        params: IdParams,
        body: Type.Object(
          {
            names: Type.Array(Name, { minItems: 1, maxItems: 20 }),
            sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
            dob: Type.Optional(Nullable(PartialDate)),
            nationalities: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 5 }),
            legalStatus: Type.Union([Type.Literal('untried'), Type.Literal('convicted')]),
            ageCategory: Type.Union([Type.Literal('adult'), Type.Literal('juvenile')]),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            handover: Handover,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ arrival: Arrival, reconciliation: Reconciliation }),
          ...refusals,
          ...conflict,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await arrivals.unexpected(actorOf(request, clock), request.params.id, request.body)),
  );
  app.post(
    '/api/intake/imports/:id/close',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'Close the arrival day: the outstanding become missing',
        params: IdParams,
        response: { 200: Reconciliation, ...refusals, ...conflict },
      },
    },
    async (request) => arrivals.close(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/intake/arrivals/:id/admission',
    {
      config: { permission: 'intake.write' },
      schema: {
        tags,
        summary: 'The admission record (Rule 7): time, property, injuries seen (medical.write)',
        params: IdParams,
        body: Type.Object(
          {
            admittedAt: Type.Optional(Nullable(IsoDateTime)),
            property: Type.Array(Property, { maxItems: 200 }),
            injuries: Type.Optional(Nullable(Type.Array(Injury, { maxItems: 50 }))),
            illTreatmentComplaint: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Admission, ...refusals, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await arrivals.admit(actorOf(request, clock), request.params.id, request.body)),
  );
  app.get(
    '/api/intake/arrivals/:id/admission',
    {
      config: { permission: 'intake.read' },
      schema: {
        tags,
        summary: 'The admission record; injuries only with medical.read',
        params: IdParams,
        response: { 200: Admission, ...refusals },
      },
    },
    async (request) => arrivals.admission(actorOf(request, clock), request.params.id),
  );
  app.get(
    '/api/detainees/:id/custody-chain',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags,
        summary: 'Every handover of a detainee',
        params: IdParams,
        response: { 200: Type.Array(HandoverView), ...refusals },
      },
    },
    async (request) => arrivals.custodyChain(actorOf(request, clock), request.params.id),
  );

  // ── duplicate review queue
  app.get(
    '/api/intake/reviews',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags,
        summary: 'Possible duplicates raised at intake, for review',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['open', 'same', 'different'])), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: paged(Review), ...refusals },
      },
    },
    async (request) => intake.listReviews(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/intake/reviews/:id/decision',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags,
        summary: "Decide a possible duplicate (merging is the register's)",
        params: IdParams,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('same'), Type.Literal('different')]),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Review, ...refusals, ...conflict },
      },
    },
    async (request) => intake.decideReview(actorOf(request, clock), request.params.id, request.body),
  );

  // ── moves out
  app.post(
    '/api/movements',
    {
      config: { permission: 'movement.write' },
      schema: {
        tags: ['movements'],
        summary: 'Propose or schedule a move out (court, hospital, another site or authority, repatriation)',
        body: Type.Object(
          {
            detaineeId: Text(64),
            kind: Type.Enum([...MOVEMENT_KINDS]),
            destination: Text(300),
            destinationSiteId: Type.Optional(Nullable(Text(64))),
            scheduledFor: Type.Optional(Nullable(IsoDateTime)),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Movement, ...refusals, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await movements.create(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/movements',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['movements'],
        summary: 'Moves in my sites, and how many people are en route',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Type.String({ minLength: 1 })),
            detaineeId: Type.Optional(Type.String({ minLength: 1 })),
            status: Type.Optional(Type.Enum([...MOVEMENT_STATUSES])),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ ...paged(Movement).properties, enRoute: Type.Integer() }),
          ...refusals,
        },
      },
    },
    async (request) => movements.list(actorOf(request, clock), request.query),
  );
  app.get(
    '/api/movements/:id',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['movements'],
        summary: 'A move with its history',
        params: IdParams,
        response: { 200: Movement, ...refusals },
      },
    },
    async (request) => movements.get(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/movements/:id/status',
    {
      config: { permission: 'movement.write' },
      schema: {
        tags: ['movements'],
        summary: 'Move a move on: scheduled, in transit (handover), completed (handover), cancelled',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Enum(['scheduled', 'in_transit', 'completed', 'cancelled']),
            scheduledFor: Type.Optional(Nullable(IsoDateTime)),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            handover: Type.Optional(Nullable(Handover)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Movement, ...refusals, ...conflict },
      },
    },
    async (request) => movements.advance(actorOf(request, clock), request.params.id, request.body),
  );

  // ── release
  app.post(
    '/api/releases',
    {
      config: { permission: 'movement.write' },
      schema: {
        tags: ['movements'],
        summary: 'Request a release, with the identity check',
        body: Type.Object(
          {
            detaineeId: Text(64),
            grounds: Type.Enum([...RELEASE_GROUNDS]),
            legalAuthority: Text(300),
            orderRef: Text(120),
            legalBasisId: Type.Optional(Nullable(Text(64))),
            identityCheck: Type.Object(
              {
                method: Text(200),
                confirmedBy: Text(200),
                documentRef: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
              },
              { additionalProperties: false },
            ),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Release, ...refusals, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await movements.requestRelease(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/releases/:id',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['movements'],
        summary: 'A release',
        params: IdParams,
        response: { 200: Release, ...refusals },
      },
    },
    async (request) => movements.getRelease(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/releases/:id/approve',
    {
      config: { permission: 'release.approve' },
      schema: {
        tags: ['movements'],
        summary: 'A legal officer approves the release (no other legal basis in force)',
        params: IdParams,
        body: Type.Object(
          { note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) },
          { additionalProperties: false },
        ),
        response: { 200: Release, ...refusals, ...conflict },
      },
    },
    async (request) =>
      movements.approveRelease(actorOf(request, clock), request.params.id, request.body.note),
  );
  app.post(
    '/api/releases/:id/complete',
    {
      config: { permission: 'movement.write' },
      schema: {
        tags: ['movements'],
        summary: 'Release: property returned and signed for, handover at the gate',
        params: IdParams,
        body: Type.Object(
          {
            propertyReturned: Type.Array(Property, { maxItems: 200 }),
            signedBy: Text(200),
            handover: Handover,
          },
          { additionalProperties: false },
        ),
        response: { 200: Release, ...refusals, ...conflict },
      },
    },
    async (request) => movements.completeRelease(actorOf(request, clock), request.params.id, request.body),
  );
  app.post(
    '/api/releases/:id/cancel',
    {
      config: { permission: 'movement.write' },
      schema: {
        tags: ['movements'],
        summary: 'Cancel a release',
        params: IdParams,
        body: Type.Object({ note: Text(2000) }, { additionalProperties: false }),
        response: { 200: Release, ...refusals, ...conflict },
      },
    },
    async (request) => movements.cancelRelease(actorOf(request, clock), request.params.id, request.body.note),
  );
};
