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
import {
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  INJURIES,
  type IncidentsService,
  PERSON_ROLES,
} from './incidents-service';
import { NOTIFICATION_KINDS, type NotificationTasksService } from './notification-tasks-service';
import { POSTURE_LEVELS, type PostureService } from './posture-service';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Count = Type.Integer({ minimum: 0, maximum: 100_000 });
const Casualties = Type.Object({
  detaineesKilled: Count,
  detaineesInjured: Count,
  staffKilled: Count,
  staffInjured: Count,
  othersKilled: Count,
  othersInjured: Count,
});
const CasualtiesPatch = Type.Partial(Casualties, { additionalProperties: false });
const IncidentFields = {
  type: Type.Enum([...INCIDENT_TYPES]),
  occurredAt: IsoDateTime,
  title: Text(200),
  narrative: Type.String({ maxLength: 20_000 }),
  blockId: Type.Optional(Nullable(Id)),
  wingId: Type.Optional(Nullable(Id)),
  cellId: Type.Optional(Nullable(Id)),
  location: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  casualties: Type.Optional(CasualtiesPatch),
  responseUnit: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  responseActions: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
};
const ListItem = Type.Object({
  id: Type.String(),
  number: Type.String(),
  siteId: Type.String(),
  siteCode: Type.String(),
  type: Type.String(),
  occurredAt: Type.String(),
  title: Type.String(),
  status: Type.String(),
  location: Nullable(Type.String()),
  casualties: Casualties,
  cellsDamaged: Type.Integer(),
  people: Type.Integer(),
});
const Incident = Type.Object({
  ...ListItem.properties,
  blockId: Nullable(Type.String()),
  wingId: Nullable(Type.String()),
  cellId: Nullable(Type.String()),
  narrative: Type.String(),
  responseUnit: Nullable(Type.String()),
  responseActions: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  statusHistory: Type.Array(
    Type.Object({
      from: Nullable(Type.String()),
      to: Type.String(),
      note: Nullable(Type.String()),
      at: Type.String(),
      by: Type.String(),
    }),
  ),
  addenda: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String(),
      statusThen: Type.String(),
      addedAt: Type.String(),
      addedBy: Type.String(),
    }),
  ),
  involved: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      detaineeId: Nullable(Type.String()),
      detaineeNumber: Nullable(Type.String()),
      name: Type.String(),
      role: Type.String(),
      injury: Type.String(),
      note: Nullable(Type.String()),
      addedAt: Type.String(),
      addedBy: Type.String(),
    }),
  ),
  damage: Type.Array(
    Type.Object({
      id: Type.String(),
      cellId: Type.String(),
      cellCode: Type.String(),
      description: Type.String(),
      cellOutOfService: Type.Boolean(),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
      occupants: Type.Array(
        Type.Object({ id: Type.String(), number: Type.String(), displayName: Type.String() }),
      ),
    }),
  ),
  escapes: Type.Array(
    Type.Object({
      id: Type.String(),
      detaineeId: Type.String(),
      detaineeNumber: Type.String(),
      displayName: Type.String(),
      lastCellCode: Nullable(Type.String()),
      lastSeenAt: Type.String(),
      lastSeenPlace: Type.String(),
      recapturedAt: Nullable(Type.String()),
      recapturedBy: Nullable(Type.String()),
      recaptureNote: Nullable(Type.String()),
    }),
  ),
  deaths: Type.Array(
    Type.Object({
      id: Type.String(),
      detaineeId: Type.String(),
      detaineeNumber: Type.String(),
      displayName: Type.String(),
      diedAt: Type.String(),
      place: Type.String(),
      circumstances: Type.String(),
      cause: Type.String(),
      remainsDisposition: Type.String(),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
});
const PostureEntry = Type.Object({
  id: Nullable(Type.String()),
  siteId: Type.String(),
  level: Type.String(),
  reason: Nullable(Type.String()),
  incidentId: Nullable(Type.String()),
  headcountId: Nullable(Type.String()),
  setAt: Nullable(Type.String()),
  setBy: Nullable(Type.String()),
});
const Posture = Type.Object({
  siteId: Type.String(),
  current: PostureEntry,
  timeline: Type.Array(PostureEntry),
});
const Task = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  incidentId: Nullable(Type.String()),
  detaineeId: Nullable(Type.String()),
  kind: Type.String(),
  rule: Type.String(),
  recipient: Type.String(),
  dueAt: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  completedAt: Nullable(Type.String()),
  completedBy: Nullable(Type.String()),
  completionNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  overdueAlertId: Nullable(Type.String()),
  auto: Type.Boolean(),
});
const Rehousing = Type.Object({
  detaineeId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  siteId: Type.String(),
  cellId: Type.String(),
  cellCode: Type.String(),
  reason: Nullable(Type.String()),
  since: Nullable(Type.String()),
  incidentId: Nullable(Type.String()),
  incidentNumber: Nullable(Type.String()),
});
const ThreatPicture = Type.Object({
  generatedAt: Type.String(),
  days: Type.Integer(),
  sites: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      nameAr: Type.String(),
      lat: Nullable(Type.Number()),
      lon: Nullable(Type.Number()),
      posture: Type.String(),
      postureSince: Nullable(Type.String()),
      incidents: Type.Integer(),
      attacks: Type.Integer(),
      cellsOutOfService: Type.Integer(),
    }),
  ),
  incidents: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      siteId: Type.String(),
      type: Type.String(),
      occurredAt: Type.String(),
      title: Type.String(),
      status: Type.String(),
    }),
  ),
});

/** Incident reports and their timeline; posture; required notifications; the threat picture. */
export const incidentRoutes: FastifyPluginAsyncTypebox<{
  incidents: IncidentsService;
  posture: PostureService;
  notifications: NotificationTasksService;
  clock: Clock;
}> = async (app, { incidents, posture, notifications, clock }) => {
  const tags = ['incidents'];

  app.get(
    '/api/incidents',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: 'The timeline of incidents across my sites, newest first, with filters',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            type: Type.Optional(Type.Enum([...INCIDENT_TYPES])),
            status: Type.Optional(Type.Enum([...INCIDENT_STATUSES])),
            from: Type.Optional(IsoDateTime),
            to: Type.Optional(IsoDateTime),
            detaineeId: Type.Optional(Id),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(ListItem), ...refusals },
      },
    },
    async (request) => incidents.list(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/incidents',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Report an incident (a draft, or submitted at once)',
        body: Type.Object(
          { siteId: Id, ...IncidentFields, submit: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: Incident, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await incidents.create(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/incidents/:id',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: 'An incident report with its people, damage, escapes, deaths, addenda and history',
        params: IdParams,
        response: { 200: Incident, ...refusals },
      },
    },
    async (request) => incidents.get(actorOf(request, clock), request.params.id),
  );

  app.patch(
    '/api/incidents/:id',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Change a draft report (submitted reports grow by addenda only)',
        params: IdParams,
        body: Type.Partial(Type.Object(IncidentFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => incidents.update(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/incidents/:id/status',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Move a report on: submitted, under_review (commanders, directors), closed (with a note)',
        params: IdParams,
        body: Type.Object(
          {
            to: Type.Enum(['submitted', 'under_review', 'closed']),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      incidents.transition(
        actorOf(request, clock),
        request.params.id,
        request.body.to as 'submitted',
        request.body.note,
      ),
  );

  app.post(
    '/api/incidents/:id/addenda',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Add a later fact (never overwrites)',
        params: IdParams,
        body: Type.Object({ text: Text(20_000) }, { additionalProperties: false }),
        response: { 201: Incident, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.addAddendum(actorOf(request, clock), request.params.id, request.body.text)),
  );

  app.post(
    '/api/incidents/:id/people',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Someone involved: a detainee of the site, staff or another person, with their role',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Enum(['detainee', 'staff', 'other']),
            detaineeId: Type.Optional(Id),
            name: Type.Optional(Text(200)),
            role: Type.Enum([...PERSON_ROLES]),
            injury: Type.Optional(Type.Enum([...INJURIES])),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await incidents.addPerson(
            actorOf(request, clock),
            request.params.id,
            request.body as Parameters<IncidentsService['addPerson']>[2],
          ),
        ),
  );

  app.post(
    '/api/incidents/:id/damage',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'Damage: the cells go out of service and their occupants need re-housing',
        params: IdParams,
        body: Type.Object(
          { cellIds: Type.Array(Id, { minItems: 1, maxItems: 500 }), description: Text(2000) },
          { additionalProperties: false },
        ),
        response: { 201: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.addDamage(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/incidents/:id/escapes',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'A detainee escaped: marked on the register with where last housed and seen',
        params: IdParams,
        body: Type.Object(
          { detaineeId: Id, lastSeenAt: IsoDateTime, lastSeenPlace: Text(300) },
          { additionalProperties: false },
        ),
        response: { 201: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.recordEscape(actorOf(request, clock), request.params.id, request.body)),
  );

  app.post(
    '/api/escapes/:id/recapture',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'An escaped detainee is back in custody (to be housed)',
        params: IdParams,
        body: Type.Object({ recapturedAt: IsoDateTime, note: Text(2000) }, { additionalProperties: false }),
        response: { 200: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => incidents.recordRecapture(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/incidents/:id/deaths',
    {
      config: { permission: 'incident.write' },
      schema: {
        tags,
        summary: 'A death in custody (Rule 8): circumstances, cause, where the remains went',
        params: IdParams,
        body: Type.Object(
          {
            detaineeId: Id,
            diedAt: IsoDateTime,
            place: Text(300),
            circumstances: Text(5000),
            cause: Text(1000),
            remainsDisposition: Text(1000),
          },
          { additionalProperties: false },
        ),
        response: { 201: Incident, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.recordDeath(actorOf(request, clock), request.params.id, request.body)),
  );

  app.get(
    '/api/rehousing',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags,
        summary: 'Detainees in cells out of service: they need re-housing',
        querystring: Type.Object({ siteId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Array(Rehousing), ...refusals },
      },
    },
    async (request) => incidents.needingRehousing(actorOf(request, clock), request.query.siteId),
  );

  app.get(
    '/api/sites/:id/posture',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: "A site's posture now and its timeline",
        params: IdParams,
        response: { 200: Posture, ...refusals },
      },
    },
    async (request) => posture.get(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/sites/:id/posture',
    {
      config: { permission: 'posture.write' },
      schema: {
        tags,
        summary: "Set a site's posture with the reason; a lockdown starts an emergency headcount",
        params: IdParams,
        body: Type.Object(
          {
            level: Type.Enum([...POSTURE_LEVELS]),
            reason: Text(1000),
            incidentId: Type.Optional(Nullable(Id)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Posture, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await posture.set(actorOf(request, clock), request.params.id, request.body)),
  );

  app.put(
    '/api/sites/:id/location',
    {
      config: { permission: 'estate.write' },
      schema: {
        tags,
        summary: 'Place a site on the map (WGS84)',
        params: IdParams,
        body: Type.Object(
          {
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            lon: Type.Number({ minimum: -180, maximum: 180 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), lat: Type.Number(), lon: Type.Number() }),
          ...refusals,
        },
      },
    },
    async (request) => posture.setLocation(actorOf(request, clock), request.params.id, request.body),
  );

  app.get(
    '/api/threat-picture',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: 'Sites with their place, posture and recent incidents; the incidents of the window',
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) },
          { additionalProperties: false },
        ),
        response: { 200: ThreatPicture, ...refusals },
      },
    },
    async (request) => posture.threatPicture(actorOf(request, clock), request.query),
  );

  app.get(
    '/api/geodata/region',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: 'The shipped GeoJSON outline of the (fictional) region the threat map is drawn on',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.Unknown(), ...refusals },
      },
    },
    async () => posture.region(),
  );

  app.get(
    '/api/notification-tasks',
    {
      config: { permission: 'incident.read' },
      schema: {
        tags,
        summary: 'Notifications the rules require, with deadlines and who did them',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            incidentId: Type.Optional(Id),
            detaineeId: Type.Optional(Id),
            state: Type.Optional(Type.Enum(['open', 'overdue', 'done'])),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Task), ...refusals },
      },
    },
    async (request) =>
      notifications.list(
        actorOf(request, clock),
        request.query as Parameters<NotificationTasksService['list']>[1],
      ),
  );

  app.post(
    '/api/notification-tasks',
    {
      config: { permission: 'notification.write' },
      schema: {
        tags,
        summary: 'Ask for a notification by hand (serious illness, a transfer)',
        body: Type.Object(
          {
            siteId: Id,
            kind: Type.Enum(Object.keys(NOTIFICATION_KINDS)),
            detaineeId: Type.Optional(Nullable(Id)),
            incidentId: Type.Optional(Nullable(Id)),
            recipient: Type.Optional(Text(300)),
            dueAt: Type.Optional(IsoDateTime),
          },
          { additionalProperties: false },
        ),
        response: { 201: Task, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await notifications.createManual(
            actorOf(request, clock),
            request.body as Parameters<NotificationTasksService['createManual']>[1],
          ),
        ),
  );

  app.post(
    '/api/notification-tasks/:id/complete',
    {
      config: { permission: 'notification.write' },
      schema: {
        tags,
        summary: 'Record that the notification was made: who was told, how, when',
        params: IdParams,
        body: Type.Object(
          { note: Text(2000), recipient: Type.Optional(Text(300)) },
          { additionalProperties: false },
        ),
        response: { 200: Task, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => notifications.complete(actorOf(request, clock), request.params.id, request.body),
  );
};
