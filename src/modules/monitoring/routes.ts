import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { NotFound } from '../../platform/errors';
import { type LiveEvent, type LiveEventBus, visibleTo } from '../../platform/events';
import { actorOf, inScope } from '../../platform/http/actor';
import {
  ErrorBody,
  IdParams,
  IsoDateTime,
  paged,
  Paging,
  refusals,
  Nullable,
} from '../../platform/http/schemas';
import { CHECK_STATES, type ChecksService } from './checks-service';
import type { CountsService } from './counts-service';
import type { DashboardService } from './dashboard-service';
import type { HeadcountService } from './headcount-service';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const SiteParams = Type.Object({ siteId: Id }, { additionalProperties: false });
const WingParams = Type.Object({ wingId: Id }, { additionalProperties: false });
const Annotation = Type.Object({ note: Type.String(), writtenAt: Type.String(), writtenBy: Type.String() });
const AnnotationBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
const Interval = Type.Union([Type.Literal(60), Type.Literal(30), Type.Literal(15), Type.Literal(0)], {
  description: 'minutes between checks; 0 is constant observation',
});

const Roll = Type.Object({
  siteId: Type.String(),
  at: Type.String(),
  day: Type.String(),
  inCustody: Type.Integer(),
  inToday: Type.Integer(),
  outToday: Type.Integer(),
  enRoute: Type.Integer(),
  unassigned: Type.Integer(),
  wings: Type.Array(
    Type.Object({
      wingId: Type.String(),
      code: Type.String(),
      inCustody: Type.Integer(),
      beds: Type.Integer(),
    }),
  ),
});
const CountHeader = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  kind: Type.String(),
  granularity: Type.String(),
  status: Type.String(),
  scheduledFor: Nullable(Type.String()),
  startedAt: Type.String(),
  startedBy: Type.String(),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
});
const Count = Type.Object({
  ...CountHeader.properties,
  expected: Type.Integer(),
  counted: Type.Integer(),
  unitsCounted: Type.Integer(),
  unresolved: Type.Integer(),
  units: Type.Array(
    Type.Object({
      id: Type.String(),
      unitType: Type.String(),
      unitId: Type.String(),
      wingId: Type.String(),
      code: Type.String(),
      expected: Type.Integer(),
      counted: Nullable(Type.Integer()),
      enteredAt: Nullable(Type.String()),
      enteredBy: Nullable(Type.String()),
      discrepancy: Nullable(Type.Integer()),
      resolution: Nullable(
        Type.Object({ reason: Type.String(), resolvedAt: Type.String(), resolvedBy: Type.String() }),
      ),
      entries: Type.Integer(),
    }),
  ),
  annotations: Type.Array(Annotation),
});
const Check = Type.Object({
  id: Type.String(),
  idempotencyKey: Type.String(),
  siteId: Type.String(),
  wingId: Type.String(),
  cellId: Type.String(),
  detaineeId: Nullable(Type.String()),
  state: Type.String(),
  observedAt: Type.String(),
  recordedAt: Type.String(),
  dueAt: Nullable(Type.String()),
  late: Type.Boolean(),
  enteredLate: Type.Boolean(),
  officerName: Type.String(),
  note: Nullable(Type.String()),
});
const CheckBody = Type.Object(
  {
    idempotencyKey: Type.String({
      minLength: 8,
      maxLength: 100,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'chosen by the device, the same on every resend',
    }),
    cellId: Id,
    state: Type.Enum([...CHECK_STATES]),
    observedAt: Type.Optional(IsoDateTime),
    detaineeId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
const Level = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  cellId: Nullable(Type.String()),
  detaineeId: Nullable(Type.String()),
  intervalMinutes: Type.Integer(),
  reason: Type.String(),
  setAt: Type.String(),
  setBy: Type.String(),
  endedAt: Nullable(Type.String()),
  endedBy: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
});
const Round = Type.Object({
  wingId: Type.String(),
  wingCode: Type.String(),
  siteId: Type.String(),
  scheduleMinutes: Type.Integer(),
  at: Type.String(),
  cells: Type.Array(
    Type.Object({
      cellId: Type.String(),
      code: Type.String(),
      occupants: Type.Array(
        Type.Object({ id: Type.String(), number: Type.String(), displayName: Type.String() }),
      ),
      intervalMinutes: Nullable(Type.Integer()),
      lastObservedAt: Nullable(Type.String()),
      lastState: Nullable(Type.String()),
      nextDueAt: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
});
const Compliance = Type.Object({
  siteId: Type.String(),
  day: Type.String(),
  wings: Type.Array(
    Type.Object({
      wingId: Type.String(),
      code: Type.String(),
      checks: Type.Integer(),
      late: Type.Integer(),
      enteredLate: Type.Integer(),
      missed: Type.Integer(),
      onTimeRate: Nullable(Type.Number()),
    }),
  ),
  officers: Type.Array(
    Type.Object({
      officerName: Type.String(),
      checks: Type.Integer(),
      late: Type.Integer(),
      enteredLate: Type.Integer(),
    }),
  ),
});
const HeadcountHeader = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  reason: Type.String(),
  trigger: Type.String(),
  status: Type.String(),
  startedAt: Type.String(),
  startedBy: Type.String(),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  closeNote: Nullable(Type.String()),
});
const Missing = Type.Object({
  detaineeId: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  lastHousedCellId: Nullable(Type.String()),
  lastHousedCell: Nullable(Type.String()),
  lastCheckedAt: Nullable(Type.String()),
  lastCheckState: Nullable(Type.String()),
  lastCheckedBy: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String()),
  lastSeenHow: Nullable(Type.String()),
});
const Headcount = Type.Object({
  ...HeadcountHeader.properties,
  total: Type.Integer(),
  accounted: Type.Integer(),
  missing: Type.Array(Missing),
  recent: Type.Array(
    Type.Object({
      detaineeId: Type.String(),
      number: Type.String(),
      displayName: Type.String(),
      confirmedAt: Type.String(),
      confirmedBy: Type.String(),
      location: Nullable(Type.String()),
    }),
  ),
});
const Figures = {
  population: Type.Integer(),
  arriving: Type.Integer(),
  unassigned: Type.Integer(),
  beds: Type.Integer(),
  occupancy: Type.Number(),
  watchedCells: Type.Integer(),
  overdueChecks: Type.Integer(),
  checksLastHour: Type.Integer(),
  openAlerts: Type.Object({ critical: Type.Integer(), warning: Type.Integer(), info: Type.Integer() }),
};
const Dashboard = Type.Object({
  at: Type.String(),
  sites: Type.Array(
    Type.Object({
      siteId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      ...Figures,
      openCount: Nullable(Type.Object({ id: Type.String(), startedAt: Type.String() })),
      lastCountClosedAt: Nullable(Type.String()),
      openHeadcount: Nullable(
        Type.Object({
          id: Type.String(),
          startedAt: Type.String(),
          total: Type.Integer(),
          accounted: Type.Integer(),
        }),
      ),
      posture: Nullable(Type.String()),
    }),
  ),
  estate: Type.Object({
    ...Figures,
    sitesWithOpenCount: Type.Integer(),
    sitesWithOpenHeadcount: Type.Integer(),
    sitesInLockdown: Type.Integer(),
  }),
});

export interface MonitoringRouteOptions {
  checks: ChecksService;
  counts: CountsService;
  headcounts: HeadcountService;
  dashboard: DashboardService;
  events: LiveEventBus;
  clock: Clock;
  /** The live stream's keep-alive comment and full-summary refresh (ms); tests shorten them. */
  live?: { heartbeatMs?: number; refreshMs?: number; debounceMs?: number };
}

/**
 * Around the clock: the roll, counts, observation levels and schedules, cell checks (one by one or
 * a device's offline queue), rounds and compliance, emergency headcounts, the dashboard, and the
 * live stream at `/api/live`.
 */
export const monitoringRoutes: FastifyPluginAsyncTypebox<MonitoringRouteOptions> = async (app, opts) => {
  const { checks, counts, headcounts, dashboard, events, clock } = opts;
  const tags = ['monitoring'];

  app.get(
    '/api/monitoring/sites/:siteId/roll',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'The establishment roll now: in custody, in and out today, en route, unassigned, per wing',
        params: SiteParams,
        response: { 200: Roll, ...refusals },
      },
    },
    async (request) => counts.roll(actorOf(request, clock), request.params.siteId),
  );

  app.get(
    '/api/monitoring/counts',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Roll counts in my sites, newest first',
        querystring: Type.Object(
          { siteId: Type.Optional(Id), status: Type.Optional(Type.Enum(['open', 'closed'])), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: paged(CountHeader), ...refusals },
      },
    },
    async (request) => counts.list(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/monitoring/counts',
    {
      config: { permission: 'count.write' },
      schema: {
        tags,
        summary: 'Start a roll count at a site (expected numbers from the register, per wing or per cell)',
        body: Type.Object(
          {
            siteId: Id,
            granularity: Type.Optional(Type.Enum(['wing', 'cell'])),
            kind: Type.Optional(Type.Enum(['scheduled', 'adhoc'])),
            scheduledFor: Type.Optional(Nullable(IsoDateTime)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Count, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await counts.start(actorOf(request, clock), request.body)),
  );

  app.get(
    '/api/monitoring/counts/:id',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'A count with every unit',
        params: IdParams,
        response: { 200: Count, ...refusals },
      },
    },
    async (request) => counts.get(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/monitoring/counts/:id/entries',
    {
      config: { permission: 'count.write' },
      schema: {
        tags,
        summary: 'Enter counted numbers (a recount is a new entry; the latest stands)',
        params: IdParams,
        body: Type.Object(
          {
            entries: Type.Array(
              Type.Object(
                { unitId: Id, counted: Type.Integer({ minimum: 0, maximum: 100000 }) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 5000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Count, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => counts.enter(actorOf(request, clock), request.params.id, request.body.entries),
  );

  app.post(
    '/api/monitoring/counts/:id/resolutions',
    {
      config: { permission: 'count.write' },
      schema: {
        tags,
        summary: "Explain a unit's discrepancy",
        params: IdParams,
        body: Type.Object(
          { unitId: Id, reason: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Count, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => counts.resolve(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/monitoring/counts/:id/close',
    {
      config: { permission: 'count.write' },
      schema: {
        tags,
        summary: 'Close a count (every unit counted, every discrepancy resolved)',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Count, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => counts.close(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/monitoring/counts/:id/annotations',
    {
      config: { permission: 'monitoring.annotate' },
      schema: {
        tags,
        summary: "A supervisor's note on a count",
        params: IdParams,
        body: AnnotationBody,
        response: { 201: Type.Object({ id: Type.String(), ...Annotation.properties }), ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await counts.annotate(actorOf(request, clock), request.params.id, request.body.note)),
  );

  app.get(
    '/api/monitoring/observation-levels',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Observation levels in my sites (active by default)',
        querystring: Type.Object(
          { siteId: Type.Optional(Id), active: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Level), ...refusals },
      },
    },
    async (request) => checks.listObservationLevels(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/monitoring/observation-levels',
    {
      config: { permission: 'observation.write' },
      schema: {
        tags,
        summary: 'Put a cell or a detainee under observation (replaces the level in force)',
        body: Type.Object(
          {
            cellId: Type.Optional(Id),
            detaineeId: Type.Optional(Id),
            intervalMinutes: Interval,
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Level, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await checks.setObservationLevel(actorOf(request, clock), request.body)),
  );

  app.post(
    '/api/monitoring/observation-levels/:id/end',
    {
      config: { permission: 'observation.write' },
      schema: {
        tags,
        summary: 'End an observation level',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Level, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      checks.endObservationLevel(actorOf(request, clock), request.params.id, request.body.reason),
  );

  app.put(
    '/api/monitoring/wings/:wingId/schedule',
    {
      config: { permission: 'observation.write' },
      schema: {
        tags,
        summary: "Set how often a wing's occupied cells are checked",
        params: WingParams,
        body: Type.Object(
          { intervalMinutes: Type.Union([Type.Literal(60), Type.Literal(30), Type.Literal(15)]) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            wingId: Type.String(),
            intervalMinutes: Type.Integer(),
            setAt: Type.String(),
            setBy: Type.String(),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      checks.setSchedule(actorOf(request, clock), request.params.wingId, request.body.intervalMinutes),
  );

  app.get(
    '/api/monitoring/wings/:wingId/round',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: "A wing's round: every cell, most urgent first",
        params: WingParams,
        response: { 200: Round, ...refusals },
      },
    },
    async (request) => checks.round(actorOf(request, clock), request.params.wingId),
  );

  app.get(
    '/api/monitoring/checks',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Cell checks in my sites, newest first',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            wingId: Type.Optional(Id),
            cellId: Type.Optional(Id),
            from: Type.Optional(IsoDateTime),
            to: Type.Optional(IsoDateTime),
            late: Type.Optional(Type.Boolean()),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Check), ...refusals },
      },
    },
    async (request) => checks.listChecks(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/monitoring/checks',
    {
      config: { permission: 'check.write' },
      schema: {
        tags,
        summary: 'Record a cell check (a resend with the same idempotencyKey returns the first, 200)',
        body: CheckBody,
        response: { 200: Check, 201: Check, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { check, duplicate } = await checks.record(actorOf(request, clock), request.body);
      return reply.status(duplicate ? 200 : 201).send(check);
    },
  );

  app.post(
    '/api/monitoring/checks/batch',
    {
      config: { permission: 'check.write' },
      schema: {
        tags,
        summary: 'Send the checks an offline device kept, with their real times; each is answered on its own',
        body: Type.Object(
          { checks: Type.Array(CheckBody, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                idempotencyKey: Type.String(),
                status: Type.String(),
                check: Type.Optional(Check),
                error: Type.Optional(Type.String()),
              }),
            ),
          }),
          ...refusals,
        },
      },
    },
    async (request) => checks.recordMany(actorOf(request, clock), request.body.checks),
  );

  app.get(
    '/api/monitoring/checks/:id',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'One check with its annotations',
        params: IdParams,
        response: {
          200: Type.Object({ ...Check.properties, annotations: Type.Array(Annotation) }),
          ...refusals,
        },
      },
    },
    async (request) => checks.getCheck(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/monitoring/checks/:id/annotations',
    {
      config: { permission: 'monitoring.annotate' },
      schema: {
        tags,
        summary: "A supervisor's note on a check (the check never changes)",
        params: IdParams,
        body: AnnotationBody,
        response: { 201: Type.Object({ id: Type.String(), ...Annotation.properties }), ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await checks.annotateCheck(actorOf(request, clock), request.params.id, request.body.note)),
  );

  app.get(
    '/api/monitoring/sites/:siteId/compliance',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Checks done, late and missed per wing and officer on a day (UTC)',
        params: SiteParams,
        querystring: Type.Object(
          { day: Type.Optional(Type.String({ format: 'date' })) },
          { additionalProperties: false },
        ),
        response: { 200: Compliance, ...refusals },
      },
    },
    async (request) => checks.compliance(actorOf(request, clock), request.params.siteId, request.query.day),
  );

  app.get(
    '/api/monitoring/headcounts',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'Emergency headcounts in my sites',
        querystring: Type.Object(
          { siteId: Type.Optional(Id), status: Type.Optional(Type.Enum(['open', 'closed'])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(HeadcountHeader), ...refusals },
      },
    },
    async (request) => headcounts.list(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/monitoring/headcounts',
    {
      config: { permission: 'headcount.start' },
      schema: {
        tags,
        summary: 'Start an emergency headcount of everyone in custody at a site',
        body: Type.Object(
          { siteId: Id, reason: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 201: Headcount, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await headcounts.start(actorOf(request, clock), { ...request.body, trigger: 'manual' })),
  );

  app.get(
    '/api/monitoring/headcounts/:id',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary:
          'A headcount: who is accounted for, and where each missing person was last housed, checked, seen',
        params: IdParams,
        response: { 200: Headcount, ...refusals },
      },
    },
    async (request) => headcounts.get(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/monitoring/headcounts/:id/confirmations',
    {
      config: { permission: 'count.write' },
      schema: {
        tags,
        summary: 'Confirm people present, by name or a whole cell',
        params: IdParams,
        body: Type.Object(
          {
            detaineeIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
            cellId: Type.Optional(Id),
            location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Headcount, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => headcounts.confirm(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/monitoring/headcounts/:id/close',
    {
      config: { permission: 'headcount.start' },
      schema: {
        tags,
        summary: 'Close a headcount with its report (anyone still missing raises a critical alert)',
        params: IdParams,
        body: Type.Object(
          { note: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Headcount, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => headcounts.close(actorOf(request, clock), request.params.id, request.body.note),
  );

  app.get(
    '/api/monitoring/dashboard',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary: 'The live picture per site in my scope and for the estate',
        querystring: Type.Object({ siteId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Dashboard, ...refusals },
      },
    },
    async (request) => {
      const actor = actorOf(request, clock);
      if (request.query.siteId && !inScope(actor, request.query.siteId)) throw new NotFound('site');
      return dashboard.summary(actor, request.query.siteId);
    },
  );

  const heartbeatMs = opts.live?.heartbeatMs ?? 15_000;
  const refreshMs = opts.live?.refreshMs ?? 30_000;
  const debounceMs = opts.live?.debounceMs ?? 1_000;
  app.get(
    '/api/live',
    {
      config: { permission: 'monitoring.read' },
      schema: {
        tags,
        summary:
          'Server-sent events: a `snapshot` on connect, then what happens at my sites, and a fresh `summary` after changes',
        description:
          "text/event-stream. Events: snapshot and summary (the dashboard), check.recorded, check.missed, count.*, headcount.*, alert.*, posture.changed and any other module's events, filtered to the caller's sites. A comment line every 15 s keeps proxies from closing it. `once=true` sends the snapshot and ends (for polling clients).",
        querystring: Type.Object(
          { siteId: Type.Optional(Id), once: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/event-stream' }), ...refusals },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, clock);
      const siteId = request.query.siteId;
      if (siteId && !inScope(actor, siteId)) throw new NotFound('site');
      const snapshot = await dashboard.summary(actor, siteId);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      let seq = 0;
      const send = (type: string, data: unknown) => {
        if (!raw.writableEnded) raw.write(`id: ${++seq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      send('snapshot', snapshot);
      if (request.query.once) {
        raw.end();
        return;
      }
      const sites = siteId ? [siteId] : actor.sites;
      let pending: NodeJS.Timeout | null = null;
      let closed = false;
      const refresh = () => {
        pending = null;
        dashboard
          .summary(actor, siteId)
          .then((s) => send('summary', s))
          .catch((error) => request.log.warn({ err: error }, 'live summary failed'));
      };
      const unsubscribe = events.subscribe((event: LiveEvent) => {
        if (closed || !visibleTo(event, sites)) return;
        send(event.type, { siteId: event.siteId, at: event.at, ...event.data });
        // Many events in a burst (a headcount confirming a wing) make one fresh summary.
        if (!pending) pending = setTimeout(refresh, debounceMs);
      });
      const heartbeat = setInterval(() => {
        if (!raw.writableEnded) raw.write(`: heartbeat ${clock.now().toISOString()}\n\n`);
      }, heartbeatMs);
      // Changes that no event announces (another module's alert) still reach the picture.
      const periodic = setInterval(refresh, refreshMs);
      const stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(periodic);
        if (pending) clearTimeout(pending);
      };
      request.raw.on('close', stop);
      raw.on('close', stop);
      raw.on('error', stop);
    },
  );
};
