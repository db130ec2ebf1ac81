import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { toCsv } from '../../platform/csv';
import { actorOf } from '../../platform/http/actor';
import { principalOf } from '../../platform/http/context';
import { ErrorBody, IdParams, refusals, Nullable } from '../../platform/http/schemas';
import { RULE_IDS } from './compliance-rules';
import type { ComplianceService } from './compliance-service';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, type ComplaintsService, LODGED_BY } from './complaints-service';
import { type InspectionsService, RESPONSE_DECISIONS } from './inspections-service';
import { renderSafeguardsReport } from './render-report';
import { POPULATION_DIMENSIONS, type StatisticsService } from './statistics-service';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateOnly = Type.String({ format: 'date' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
const withConflict = { ...refusals, 409: ErrorBody };

const Resolution = Type.Object({
  id: Type.String(),
  reason: Type.String(),
  resolvedAt: Type.String(),
  resolvedBy: Type.String(),
  validUntil: Type.String(),
});
const Finding = Type.Object({
  key: Type.String(),
  rule: Type.String(),
  article: Type.String(),
  title: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  siteCode: Type.String(),
  since: Type.String(),
  mustAct: Type.String(),
  detail: Type.String(),
  resolution: Nullable(Resolution),
});
const Report = Type.Object({
  asOf: Type.String(),
  ownCountry: Type.String(),
  lawyerVisitDays: Type.Integer(),
  resolutionDays: Type.Integer(),
  rules: Type.Array(
    Type.Object({
      rule: Type.String(),
      article: Type.String(),
      title: Type.String(),
      mustAct: Type.String(),
      evaluated: Type.Boolean(),
      note: Nullable(Type.String()),
      open: Type.Integer(),
      resolved: Type.Integer(),
    }),
  ),
  sites: Type.Array(
    Type.Object({
      siteId: Type.String(),
      siteCode: Type.String(),
      open: Type.Integer(),
      resolved: Type.Integer(),
    }),
  ),
  estate: Type.Object({ open: Type.Integer(), resolved: Type.Integer() }),
  findings: Type.Array(Finding),
});
const Complaint = Type.Object({
  id: Type.String(),
  number: Type.String(),
  detaineeId: Type.String(),
  detaineeNumber: Type.String(),
  detaineeName: Type.String(),
  siteId: Type.String(),
  kind: Type.String(),
  category: Type.String(),
  summary: Type.String(),
  lodgedByKind: Type.String(),
  lodgedByName: Type.String(),
  lodgedAt: Type.String(),
  status: Type.String(),
  authority: Nullable(Type.String()),
  authorityReference: Nullable(Type.String()),
  referredAt: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  events: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      type: Type.String(),
      statusAfter: Type.String(),
      detail: Type.Record(Type.String(), Type.Unknown()),
      at: Type.String(),
      by: Type.String(),
    }),
  ),
});
const Inspection = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  body: Type.String(),
  inspectors: Type.String(),
  visitFrom: Type.String(),
  visitTo: Type.String(),
  summary: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  unanswered: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      seq: Type.Integer(),
      kind: Type.String(),
      text: Type.String(),
      responses: Type.Array(
        Type.Object({
          id: Type.String(),
          decision: Type.String(),
          text: Type.String(),
          respondedAt: Type.String(),
          respondedBy: Type.String(),
          respondedRole: Type.String(),
        }),
      ),
    }),
  ),
});
const PopulationQuery = Type.Object(
  { from: DateOnly, to: DateOnly, by: Type.Optional(Enum(POPULATION_DIMENSIONS)) },
  { additionalProperties: false },
);
const MonthlyQuery = Type.Object({ from: Month, to: Month }, { additionalProperties: false });

/** Safeguards (issue 10): compliance findings, complaints, inspections, statistics and the printable report. */
export const safeguardsRoutes: FastifyPluginAsyncTypebox<{
  compliance: ComplianceService;
  complaints: ComplaintsService;
  inspections: InspectionsService;
  statistics: StatisticsService;
  clock: Clock;
}> = async (app, { compliance, complaints, inspections, statistics, clock }) => {
  const tags = ['safeguards'];

  // ---- compliance ----
  app.get(
    '/api/compliance',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags,
        summary:
          "Compliance findings, live, for the caller's sites (or one): each with its rule, since when and who must act; rules whose data source is missing say so",
        querystring: Type.Object(
          { siteId: Type.Optional(Text(64)), rule: Type.Optional(Enum(RULE_IDS)) },
          { additionalProperties: false },
        ),
        response: { 200: Report, ...refusals },
      },
    },
    async (request) =>
      compliance.report(
        actorOf(request, clock),
        request.query as { siteId?: string; rule?: (typeof RULE_IDS)[number] },
      ),
  );
  app.post(
    '/api/compliance/resolve',
    {
      config: { permission: 'compliance.resolve' },
      schema: {
        tags,
        summary:
          'Resolve a finding with a reason (audited): it stays listed, marked resolved, for this occurrence and at most the set number of days',
        body: Type.Object({ key: Text(300), reason: Text(2000) }, { additionalProperties: false }),
        response: { 200: Finding, ...refusals },
      },
    },
    async (request) => compliance.resolve(actorOf(request, clock), request.body.key, request.body.reason),
  );
  app.get(
    '/api/compliance/resolutions',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags,
        summary: 'Every resolution of one finding, newest first',
        querystring: Type.Object({ key: Text(300) }, { additionalProperties: false }),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              key: Type.String(),
              rule: Type.String(),
              detaineeId: Type.String(),
              siteId: Type.String(),
              since: Type.String(),
              reason: Type.String(),
              resolvedAt: Type.String(),
              resolvedBy: Type.String(),
              validUntil: Type.String(),
            }),
          ),
          ...refusals,
        },
      },
    },
    async (request) => compliance.resolutions(actorOf(request, clock), request.query.key),
  );

  // ---- complaints ----
  app.get(
    '/api/complaints',
    {
      config: { permission: 'complaint.read' },
      schema: {
        tags,
        summary: "Complaints and allegations of ill-treatment in the caller's sites",
        querystring: Type.Object(
          {
            detaineeId: Type.Optional(Text(64)),
            siteId: Type.Optional(Text(64)),
            status: Type.Optional(Enum(COMPLAINT_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Complaint), ...refusals },
      },
    },
    async (request) => complaints.list(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/complaints',
    {
      config: { permission: 'complaint.write' },
      schema: {
        tags,
        summary:
          'Record a complaint or an allegation by or for a detainee (a complaint without a detainee is refused)',
        body: Type.Object(
          {
            detaineeId: Text(64),
            kind: Enum(COMPLAINT_KINDS),
            category: Text(100),
            summary: Text(5000),
            lodgedByKind: Enum(LODGED_BY),
            lodgedByName: Text(200),
            lodgedAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Complaint, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await complaints.create(
            actorOf(request, clock),
            request.body as Parameters<ComplaintsService['create']>[1],
          ),
        ),
  );
  app.get(
    '/api/complaints/:id',
    {
      config: { permission: 'complaint.read' },
      schema: {
        tags,
        summary: 'One complaint with its history',
        params: IdParams,
        response: { 200: Complaint, ...refusals },
      },
    },
    async (request) => complaints.get(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/complaints/:id/referral',
    {
      config: { permission: 'complaint.refer' },
      schema: {
        tags,
        summary: 'Refer the complaint to an independent authority: which, when, its reference',
        params: IdParams,
        body: Type.Object(
          {
            authority: Text(300),
            referredAt: Type.String({ format: 'date-time' }),
            reference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Complaint, ...withConflict },
      },
    },
    async (request) => complaints.refer(actorOf(request, clock), request.params.id, request.body),
  );
  app.post(
    '/api/complaints/:id/steps',
    {
      config: { permission: 'complaint.refer' },
      schema: {
        tags,
        summary: 'A step: under investigation, closed with its outcome, or a note',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(Enum(['under_investigation', 'closed'])),
            outcome: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Complaint, ...withConflict },
      },
    },
    async (request) =>
      complaints.update(
        actorOf(request, clock),
        request.params.id,
        request.body as {
          status?: 'under_investigation' | 'closed';
          outcome?: string | null;
          note?: string | null;
        },
      ),
  );
  app.get(
    '/api/detainees/:id/reprisal-watch',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags,
        summary: 'Whether the detainee complained (Rule 57): shown on every later move or sanction',
        params: IdParams,
        response: {
          200: Type.Object({
            watched: Type.Boolean(),
            complaints: Type.Array(
              Type.Object({
                id: Type.String(),
                number: Type.String(),
                kind: Type.String(),
                lodgedAt: Type.String(),
                status: Type.String(),
              }),
            ),
            warning: Nullable(Type.String()),
          }),
          ...refusals,
        },
      },
    },
    async (request) => complaints.reprisalWatchFor(actorOf(request, clock), request.params.id),
  );

  // ---- inspections ----
  app.get(
    '/api/inspections',
    {
      config: { permission: 'inspection.read' },
      schema: {
        tags,
        summary: "Inspections of the caller's sites with findings, recommendations and responses",
        querystring: Type.Object({ siteId: Type.Optional(Text(64)) }, { additionalProperties: false }),
        response: { 200: Type.Array(Inspection), ...refusals },
      },
    },
    async (request) => inspections.list(actorOf(request, clock), request.query),
  );
  app.post(
    '/api/inspections',
    {
      config: { permission: 'inspection.write' },
      schema: {
        tags,
        summary: "Record an inspecting body's visit with its findings and recommendations",
        body: Type.Object(
          {
            siteId: Text(64),
            body: Text(300),
            inspectors: Text(1000),
            visitFrom: DateOnly,
            visitTo: DateOnly,
            summary: Text(10000),
            findings: Type.Optional(Type.Array(Text(5000), { maxItems: 200 })),
            recommendations: Type.Optional(Type.Array(Text(5000), { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Inspection, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inspections.create(actorOf(request, clock), request.body)),
  );
  app.get(
    '/api/inspections/:id',
    {
      config: { permission: 'inspection.read' },
      schema: {
        tags,
        summary: 'One inspection',
        params: IdParams,
        response: { 200: Inspection, ...refusals },
      },
    },
    async (request) => inspections.get(actorOf(request, clock), request.params.id),
  );
  app.post(
    '/api/inspections/:id/items',
    {
      config: { permission: 'inspection.write' },
      schema: {
        tags,
        summary: 'Add a finding or a recommendation',
        params: IdParams,
        body: Type.Object(
          { kind: Enum(['finding', 'recommendation']), text: Text(5000) },
          { additionalProperties: false },
        ),
        response: { 200: Inspection, ...refusals },
      },
    },
    async (request) =>
      inspections.addItem(
        actorOf(request, clock),
        request.params.id,
        request.body as { kind: 'finding' | 'recommendation'; text: string },
      ),
  );
  app.post(
    '/api/inspection-items/:id/responses',
    {
      config: { permission: 'inspection.respond' },
      schema: {
        tags,
        summary:
          "The director's or commander's response to a finding or recommendation (a later one supersedes it; both stay)",
        params: IdParams,
        body: Type.Object(
          { decision: Enum(RESPONSE_DECISIONS), text: Text(5000) },
          { additionalProperties: false },
        ),
        response: { 200: Inspection, ...refusals },
      },
    },
    async (request) =>
      inspections.respond(
        actorOf(request, clock),
        request.params.id,
        request.body as Parameters<InspectionsService['respond']>[2],
        principalOf(request).role,
      ),
  );

  // ---- statistics ----
  app.get(
    '/api/statistics/population',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary:
          'The held population per day (from daily snapshots), by site, nationality, legal status, age category or sex',
        querystring: PopulationQuery,
        response: {
          200: Type.Object({
            by: Type.String(),
            from: Type.String(),
            to: Type.String(),
            days: Type.Array(Type.String()),
            series: Type.Array(
              Type.Object({ key: Type.String(), values: Type.Array(Nullable(Type.Integer())) }),
            ),
            totals: Type.Array(Nullable(Type.Integer())),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      statistics.population(actorOf(request, clock), {
        from: request.query.from,
        to: request.query.to,
        by: request.query.by ?? 'site',
      }),
  );
  app.get(
    '/api/statistics/population.csv',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary: 'The population series as CSV',
        querystring: PopulationQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...refusals },
      },
    },
    async (request, reply) => {
      const by = request.query.by ?? 'site';
      const s = await statistics.population(actorOf(request, clock), {
        from: request.query.from,
        to: request.query.to,
        by,
      });
      const csv = toCsv(
        ['day', by, 'count'],
        s.days.flatMap((d, i) =>
          s.series.filter((x) => x.values[i] !== null).map((x) => [d, x.key, x.values[i]]),
        ),
        { spreadsheetSafe: true },
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="population-${by}-${s.from}-${s.to}.csv"`)
        .send(csv);
    },
  );
  app.get(
    '/api/statistics/occupancy',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary: 'Beds, occupied places and the occupancy rate per site',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: Type.Object({
            sites: Type.Array(
              Type.Object({
                siteId: Type.String(),
                code: Type.String(),
                name: Type.String(),
                nameAr: Type.String(),
                beds: Type.Integer(),
                occupied: Type.Integer(),
                population: Type.Integer(),
                cellsOutOfService: Type.Integer(),
                rate: Nullable(Type.Number()),
              }),
            ),
            total: Type.Object({
              beds: Type.Integer(),
              occupied: Type.Integer(),
              population: Type.Integer(),
              rate: Nullable(Type.Number()),
            }),
          }),
          ...refusals,
        },
      },
    },
    async (request) => statistics.occupancy(actorOf(request, clock)),
  );
  const MonthRow = Type.Object({
    month: Type.String(),
    siteId: Type.String(),
    admissions: Type.Integer(),
    releases: Type.Integer(),
    transfers: Type.Integer(),
    repatriations: Type.Integer(),
    deaths: Type.Integer(),
    escapes: Type.Integer(),
  });
  app.get(
    '/api/statistics/monthly',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary: 'Admissions, releases, transfers, repatriations, deaths and escapes per month and site',
        querystring: MonthlyQuery,
        response: { 200: Type.Array(MonthRow), ...refusals },
      },
    },
    async (request) => statistics.monthly(actorOf(request, clock), request.query),
  );
  app.get(
    '/api/statistics/monthly.csv',
    {
      config: { permission: 'report.read' },
      schema: {
        tags,
        summary: 'The monthly flows as CSV',
        querystring: MonthlyQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...refusals },
      },
    },
    async (request, reply) => {
      const rows = await statistics.monthly(actorOf(request, clock), request.query);
      const csv = toCsv(
        ['month', 'site_id', 'admissions', 'releases', 'transfers', 'repatriations', 'deaths', 'escapes'],
        rows.map((r) => [
          r.month,
          r.siteId,
          r.admissions,
          r.releases,
          r.transfers,
          r.repatriations,
          r.deaths,
          r.escapes,
        ]),
        { spreadsheetSafe: true },
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="flows-${request.query.from}-${request.query.to}.csv"`,
        )
        .send(csv);
    },
  );
  app.get(
    '/api/reports/safeguards.html',
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags,
        summary:
          'The printable safeguards report (compliance, occupancy, flows of the last twelve months) in English or Arabic (right to left)',
        querystring: Type.Object(
          { lang: Type.Optional(Enum(['en', 'ar'])) },
          { additionalProperties: false },
        ),
        produces: ['text/html'],
        response: { 200: Type.String(), ...refusals },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request, clock);
      const now = clock.now();
      const to = now.toISOString().slice(0, 7);
      const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1))
        .toISOString()
        .slice(0, 7);
      const [report, occupancy, monthly] = await Promise.all([
        compliance.report(actor),
        statistics.occupancy(actor),
        statistics.monthly(actor, { from, to }),
      ]);
      const html = renderSafeguardsReport({
        lang: request.query.lang ?? 'en',
        compliance: report,
        occupancy,
        monthly,
        siteCodes: new Map(occupancy.sites.map((s) => [s.siteId, s.code])),
      });
      return reply.header('content-type', 'text/html; charset=utf-8').send(html);
    },
  );
};
