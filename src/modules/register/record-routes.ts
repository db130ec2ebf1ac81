import { type FastifyPluginAsyncTypebox, type TSchema, Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { ErrorBody, IdParams, refusals, Nullable } from '../../platform/http/schemas';
import type { MergeService } from './merge-service';
import { PersonalProperties, PropertyReturn, SECTIONS } from './record-sections';
import type { RecordService } from './record-service';
import type { RegisterSearch } from './register-search';
import { NAME_KINDS } from './register-service';

const Reason = Type.Optional(Nullable(Type.String({ maxLength: 2000 })));
const RequiredReason = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);
const ItemParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), itemId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const NameParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), nameId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const Evidence = Type.Object({
  direction: Type.String(),
  field: Type.String(),
  weight: Type.Number(),
  message: Type.String(),
  hard: Type.Optional(Type.Boolean()),
});
const Meta = {
  itemId: Type.String(),
  version: Type.Integer(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  reason: Nullable(Type.String()),
};

const NameBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    script: Type.Union([Type.Literal('arabic'), Type.Literal('latin')]),
    kind: Type.Enum([...NAME_KINDS]),
    given: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    father: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    grandfather: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    family: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    reason: Reason,
  },
  { additionalProperties: false },
);
const NameView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  script: Type.String(),
  kind: Type.String(),
  position: Type.Integer(),
  given: Nullable(Type.String()),
  father: Nullable(Type.String()),
  grandfather: Nullable(Type.String()),
  family: Nullable(Type.String()),
});

/** Response items: the section's fields (all optional on the way out) and the version's metadata. */
function itemSchema(properties: Record<string, TSchema>) {
  const out: Record<string, TSchema> = {};
  for (const [k, v] of Object.entries(properties)) out[k] = Type.Optional(Type.Union([v, Type.Null()]));
  return Type.Object({ ...out, ...Meta });
}
const sectionItems = Object.fromEntries(
  SECTIONS.map((s) => [
    s.field,
    s.read ? Type.Optional(Type.Array(itemSchema(s.properties))) : Type.Array(itemSchema(s.properties)),
  ]),
);
// Property returned on release adds these to the bag's item.
const propertyItem = itemSchema({
  ...SECTIONS.find((s) => s.section === 'property')!.properties,
  returnedAt: Type.String(),
  returnedSignature: Type.String(),
  returnOfficerSignature: Type.String(),
  withheld: Type.String(),
});
const Classification = Type.Object({
  detaineeId: Type.String(),
  risk: Type.String(),
  role: Type.String(),
  reason: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  supersededAt: Nullable(Type.String()),
});

const FullRecord = Type.Object({
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
  createdAt: Type.String(),
  updatedAt: Type.String(),
  mergedInto: Nullable(Type.String()),
  mergedIntoNumber: Nullable(Type.String()),
  mergedFrom: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
  names: Type.Array(NameView),
  personal: Nullable(
    Type.Object({
      ...Object.fromEntries(Object.keys(PersonalProperties).map((k) => [k, Nullable(Type.String())])),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
  ...sectionItems,
  property: Type.Array(propertyItem),
  classification: Type.Optional(
    Type.Object({ current: Nullable(Classification), history: Type.Array(Classification) }),
  ),
  withheld: Type.Array(Type.String()),
});

const SearchHit = Type.Object({
  id: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  siteId: Type.String(),
  status: Type.String(),
  score: Type.Number(),
  matchedName: Type.String(),
  evidence: Type.Array(Evidence),
});
const Side = Type.Object({
  id: Type.String(),
  number: Type.String(),
  displayName: Type.String(),
  names: Type.Array(Type.String()),
  sex: Type.String(),
  dob: Nullable(Type.String()),
  nationalities: Type.Array(Type.String()),
  siteId: Type.String(),
  status: Type.String(),
  mergedInto: Nullable(Type.String()),
});
const Candidate = Type.Object({
  id: Type.String(),
  a: Side,
  b: Side,
  score: Type.Number(),
  decision: Type.String(),
  evidence: Type.Array(Evidence),
  source: Type.String(),
  status: Type.String(),
  foundAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
const Move = Type.Object({
  table: Type.String(),
  column: Type.String(),
  rowKey: Type.Record(Type.String(), Type.Unknown()),
  from: Type.String(),
  to: Type.String(),
  outcome: Type.String(),
  restoredAt: Nullable(Type.String()),
});
const Merge = Type.Object({
  id: Type.String(),
  survivorId: Type.String(),
  absorbedId: Type.String(),
  candidateId: Nullable(Type.String()),
  reason: Type.String(),
  mergedAt: Type.String(),
  mergedBy: Type.String(),
  unmergedAt: Nullable(Type.String()),
  unmergedBy: Nullable(Type.String()),
  unmergeReason: Nullable(Type.String()),
  /** The absorbed record's cell, left by the merge (one person is in one cell). */
  vacatedCellId: Nullable(Type.String()),
  moves: Type.Array(Move),
  conflicts: Type.Optional(Type.Array(Move)),
});

/**
 * The full record (Rules 7-8), name search in either script, and duplicate review with merge and
 * unmerge. Section routes are made from the section table (record-sections.ts), one set each.
 */
export const recordRoutes: FastifyPluginAsyncTypebox<{
  records: RecordService;
  search: RegisterSearch;
  merges: MergeService;
  clock: Clock;
}> = async (app, { records, search, merges, clock }) => {
  app.get(
    '/api/detainees/search',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['register'],
        summary: 'Name search typed in Arabic or Latin script, ranked, in my sites',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(SearchHit) }), ...refusals },
      },
    },
    async (request) => ({
      items: await search.search(actorOf(request, clock), request.query.q, request.query.limit ?? 20),
    }),
  );

  app.post(
    '/api/identity/search-index/rebuild',
    {
      config: { permission: 'identity.merge' },
      schema: {
        tags: ['identity'],
        summary: "Rebuild this process's name search index from the register",
        response: { 200: Type.Object({ records: Type.Integer() }), ...refusals },
      },
    },
    async () => ({ records: await search.rebuild() }),
  );

  app.get(
    '/api/detainees/:id/record',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['register'],
        summary:
          'The full record (Rules 7-8) as I may see it; need-to-know sections are left out (the view is audited)',
        params: IdParams,
        response: { 200: FullRecord, ...refusals },
      },
    },
    async (request) => records.full(actorOf(request, clock), request.params.id),
  );

  app.get(
    '/api/detainees/:id/record/history',
    {
      config: { permission: 'detainee.read' },
      schema: {
        tags: ['register'],
        summary: 'Every version of every section and every name change (who, when, what)',
        params: IdParams,
        response: {
          200: Type.Object({
            names: Type.Array(
              Type.Object({
                nameId: Type.String(),
                action: Type.String(),
                before: Type.Unknown(),
                after: Type.Unknown(),
                reason: Nullable(Type.String()),
                recordedAt: Type.String(),
                recordedBy: Type.String(),
              }),
            ),
            items: Type.Array(
              Type.Object({
                section: Type.String(),
                itemId: Type.String(),
                version: Type.Integer(),
                action: Type.String(),
                data: Type.Unknown(),
                reason: Nullable(Type.String()),
                recordedAt: Type.String(),
                recordedBy: Type.String(),
                supersededAt: Nullable(Type.String()),
              }),
            ),
            withheld: Type.Array(Type.String()),
          }),
          ...refusals,
        },
      },
    },
    async (request) => records.history(actorOf(request, clock), request.params.id),
  );

  app.put(
    '/api/detainees/:id/personal',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: "Mother's name and place of birth (a new version; the previous one is kept)",
        params: IdParams,
        body: Type.Object(
          { ...PersonalProperties, reason: Reason },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: FullRecord, ...refusals },
      },
    },
    async (request) => records.setPersonal(actorOf(request, clock), request.params.id, request.body),
  );

  // Names with their parts.
  app.post(
    '/api/detainees/:id/names',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: 'Add a name (alias, kunya, transliteration) with its parts',
        params: IdParams,
        body: NameBody,
        response: { 201: Type.Array(NameView), ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await records.addName(actorOf(request, clock), request.params.id, request.body)),
  );
  app.put(
    '/api/detainees/:id/names/:nameId',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: 'Correct a name or its parts (the previous form is kept)',
        params: NameParams,
        body: NameBody,
        response: { 200: Type.Array(NameView), ...refusals },
      },
    },
    async (request) =>
      records.changeName(actorOf(request, clock), request.params.id, request.params.nameId, request.body),
  );
  app.delete(
    '/api/detainees/:id/names/:nameId',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: 'Remove a name given in error (kept in the history)',
        params: NameParams,
        body: RequiredReason,
        response: { 200: Type.Array(NameView), ...refusals },
      },
    },
    async (request) =>
      records.removeName(
        actorOf(request, clock),
        request.params.id,
        request.params.nameId,
        request.body.reason,
      ),
  );

  for (const def of SECTIONS) {
    const body = Type.Object({ ...def.properties, reason: Reason }, { additionalProperties: false });
    const item = def.section === 'property' ? propertyItem : itemSchema(def.properties);
    app.post(
      `/api/detainees/:id/${def.path}`,
      {
        config: { permission: def.write },
        schema: {
          tags: ['register'],
          summary: `Add to ${def.path}`,
          params: IdParams,
          body,
          response: { 201: item, ...refusals, 409: ErrorBody },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await records.addItem(
              actorOf(request, clock),
              request.params.id,
              def,
              request.body as Record<string, unknown>,
            ),
          ),
    );
    app.put(
      `/api/detainees/:id/${def.path}/:itemId`,
      {
        config: { permission: def.write },
        schema: {
          tags: ['register'],
          summary: `A new version of an item of ${def.path} (the previous one is kept)`,
          params: ItemParams,
          body,
          response: { 200: item, ...refusals, 409: ErrorBody },
        },
      },
      async (request) =>
        records.changeItem(
          actorOf(request, clock),
          request.params.id,
          def,
          request.params.itemId,
          request.body as Record<string, unknown>,
        ),
    );
    if (def.removable)
      app.delete(
        `/api/detainees/:id/${def.path}/:itemId`,
        {
          config: { permission: def.write },
          schema: {
            tags: ['register'],
            summary: `Remove an item of ${def.path} (its versions are kept)`,
            params: ItemParams,
            body: RequiredReason,
            response: { 204: Type.Null(), ...refusals },
          },
        },
        async (request, reply) => {
          await records.removeItem(
            actorOf(request, clock),
            request.params.id,
            def,
            request.params.itemId,
            request.body.reason,
          );
          return reply.status(204).send(null);
        },
      );
  }

  app.post(
    '/api/detainees/:id/property/:itemId/return',
    {
      config: { permission: 'detainee.write' },
      schema: {
        tags: ['register'],
        summary: 'Property handed back on release, signed by the detainee',
        params: ItemParams,
        body: PropertyReturn,
        response: { 200: propertyItem, ...refusals },
      },
    },
    async (request) =>
      records.returnProperty(actorOf(request, clock), request.params.id, request.params.itemId, request.body),
  );

  // Duplicate review.
  app.get(
    '/api/identity/candidates',
    {
      config: { permission: 'identity.read' },
      schema: {
        tags: ['identity'],
        summary: 'Pairs that may be one person, with the evidence (from register scans and intake)',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(['open', 'merged', 'not_same'])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Candidate) }), ...refusals },
      },
    },
    async (request) => ({ items: await merges.candidates(actorOf(request, clock), request.query) }),
  );
  app.post(
    '/api/identity/scan',
    {
      config: { permission: 'identity.merge' },
      schema: {
        tags: ['identity'],
        summary: 'Look for duplicates across the whole register now',
        response: {
          200: Type.Object({ records: Type.Integer(), added: Type.Integer(), open: Type.Integer() }),
          ...refusals,
        },
      },
    },
    async (request) => merges.scan(actorOf(request, clock)),
  );
  app.post(
    '/api/identity/candidates/:id/not-same',
    {
      config: { permission: 'identity.merge' },
      schema: {
        tags: ['identity'],
        summary: 'Decide that a pair are two people',
        params: IdParams,
        body: RequiredReason,
        response: { 200: Candidate, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => merges.dismiss(actorOf(request, clock), request.params.id, request.body.reason),
  );
  app.get(
    '/api/identity/merges',
    {
      config: { permission: 'identity.read' },
      schema: {
        tags: ['identity'],
        summary: 'Merges, newest first, with every reference each moved',
        querystring: Type.Object(
          { detaineeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Merge) }), ...refusals },
      },
    },
    async (request) => ({ items: await merges.listMerges(actorOf(request, clock), request.query) }),
  );
  app.post(
    '/api/identity/merges',
    {
      config: { permission: 'identity.merge' },
      schema: {
        tags: ['identity'],
        summary: 'Merge two records of one person: every safety record moves to the survivor',
        body: Type.Object(
          {
            survivorId: Type.String({ minLength: 1, maxLength: 64 }),
            absorbedId: Type.String({ minLength: 1, maxLength: 64 }),
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
            candidateId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Merge, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await merges.merge(actorOf(request, clock), request.body)),
  );
  app.post(
    '/api/identity/merges/:id/unmerge',
    {
      config: { permission: 'identity.merge' },
      schema: {
        tags: ['identity'],
        summary: 'Undo a merge: every moved reference goes back',
        params: IdParams,
        body: RequiredReason,
        response: { 200: Merge, ...refusals, 409: ErrorBody },
      },
    },
    async (request) => merges.unmerge(actorOf(request, clock), request.params.id, request.body.reason),
  );
};
