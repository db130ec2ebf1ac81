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
import { CONTACT_KINDS, type CommunicationsService, MODES } from './communications-service';
import { type ContrabandService, CUSTODY_ACTIONS, ITEM_TYPES, SEARCH_KINDS } from './contraband-service';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Identifier = Type.String({ minLength: 1, maxLength: 40 });

const ItemBody = Type.Object(
  {
    type: Type.Enum([...ITEM_TYPES]),
    description: Text(1000),
    imei: Type.Optional(Nullable(Identifier)),
    iccid: Type.Optional(Nullable(Identifier)),
    imsi: Type.Optional(Nullable(Identifier)),
    phoneNumber: Type.Optional(Nullable(Identifier)),
    detaineeIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    holder: Text(200),
  },
  { additionalProperties: false },
);
const Item = Type.Object({
  id: Type.String(),
  searchId: Nullable(Type.String()),
  siteId: Type.String(),
  type: Type.String(),
  description: Type.String(),
  imei: Nullable(Type.String()),
  iccid: Nullable(Type.String()),
  imsi: Nullable(Type.String()),
  phoneNumber: Nullable(Type.String()),
  custodyStatus: Type.String(),
  holder: Type.String(),
  seizedAt: Type.String(),
  recordedBy: Type.String(),
  detainees: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), displayName: Type.String() }),
  ),
  custody: Type.Array(
    Type.Object({
      action: Type.String(),
      holder: Type.String(),
      note: Nullable(Type.String()),
      at: Type.String(),
      by: Type.String(),
    }),
  ),
});
const Search = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  kind: Type.String(),
  cellId: Nullable(Type.String()),
  cellCode: Nullable(Type.String()),
  detaineeId: Nullable(Type.String()),
  area: Nullable(Type.String()),
  searchedAt: Type.String(),
  searchedBy: Type.String(),
  result: Type.String(),
  note: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  items: Type.Array(Item),
});
const Link = Type.Object({
  detaineeA: Type.String(),
  detaineeB: Type.String(),
  kind: Type.String(),
  evidence: Type.Array(
    Type.Object({ identifier: Type.String(), value: Type.String(), itemIds: Type.Array(Type.String()) }),
  ),
});
const Contact = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  kind: Type.String(),
  privileged: Type.Boolean(),
  name: Type.String(),
  relationship: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  status: Type.String(),
  requestedAt: Type.String(),
  requestedBy: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
const Communication = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  mode: Type.String(),
  direction: Type.String(),
  contactId: Nullable(Type.String()),
  counterpartKind: Type.String(),
  counterpartName: Type.String(),
  phoneNumber: Nullable(Type.String()),
  privileged: Type.Boolean(),
  at: Type.String(),
  durationMinutes: Nullable(Type.Integer()),
  monitored: Type.Boolean(),
  summary: Nullable(Type.String()),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
const Restriction = Type.Object({
  id: Type.String(),
  detaineeId: Type.String(),
  modes: Type.Array(Type.String()),
  counterparts: Type.Array(Type.String()),
  reason: Type.String(),
  from: Type.String(),
  to: Type.String(),
  active: Type.Boolean(),
  imposedAt: Type.String(),
  imposedBy: Type.String(),
});

/** Searches and seizures, device links; approved contacts, visits, calls and letters, restrictions. */
export const communicationsRoutes: FastifyPluginAsyncTypebox<{
  contraband: ContrabandService;
  communications: CommunicationsService;
  clock: Clock;
}> = async (app, { contraband, communications, clock }) => {
  const tags = ['contraband'];
  const ctags = ['communications'];

  app.get(
    '/api/searches',
    {
      config: { permission: 'contraband.read' },
      schema: {
        tags,
        summary: 'The search log, newest first',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            detaineeId: Type.Optional(Id),
            kind: Type.Optional(Type.Enum([...SEARCH_KINDS])),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(Search), ...refusals },
      },
    },
    async (request) => contraband.listSearches(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/searches',
    {
      config: { permission: 'contraband.write' },
      schema: {
        tags,
        summary: 'Log a cell, person or area search and what it seized',
        body: Type.Object(
          {
            siteId: Id,
            kind: Type.Enum([...SEARCH_KINDS]),
            cellId: Type.Optional(Nullable(Id)),
            detaineeId: Type.Optional(Nullable(Id)),
            area: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            searchedAt: IsoDateTime,
            searchedBy: Text(300),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            items: Type.Optional(Type.Array(ItemBody, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Search, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await contraband.createSearch(
            actorOf(request, clock),
            request.body as Parameters<ContrabandService['createSearch']>[1],
          ),
        ),
  );

  app.get(
    '/api/searches/:id',
    {
      config: { permission: 'contraband.read' },
      schema: {
        tags,
        summary: 'A search with its seized items',
        params: IdParams,
        response: { 200: Search, ...refusals },
      },
    },
    async (request) => contraband.getSearch(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/searches/:id/items',
    {
      config: { permission: 'contraband.write' },
      schema: {
        tags,
        summary: 'Add a seized item to a search',
        params: IdParams,
        body: ItemBody,
        response: { 201: Search, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await contraband.addItem(
            actorOf(request, clock),
            request.params.id,
            request.body as Parameters<ContrabandService['addItem']>[2],
          ),
        ),
  );

  app.get(
    '/api/seized-items',
    {
      config: { permission: 'contraband.read' },
      schema: {
        tags,
        summary: 'Seized items by detainee, type or identifier (IMEI, ICCID, IMSI, number)',
        querystring: Type.Object(
          {
            siteId: Type.Optional(Id),
            detaineeId: Type.Optional(Id),
            identifier: Type.Optional(Identifier),
            type: Type.Optional(Type.Enum([...ITEM_TYPES])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Item), ...refusals },
      },
    },
    async (request) => contraband.listItems(actorOf(request, clock), request.query),
  );

  app.post(
    '/api/seized-items/:id/custody',
    {
      config: { permission: 'contraband.write' },
      schema: {
        tags,
        summary: 'The item changes hands, is analysed, or is disposed of (which ends its custody)',
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Enum([...CUSTODY_ACTIONS]),
            holder: Text(200),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Item, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      contraband.recordCustody(
        actorOf(request, clock),
        request.params.id,
        request.body as Parameters<ContrabandService['recordCustody']>[2],
      ),
  );

  app.get(
    '/api/seizure-links',
    {
      config: { permission: 'contraband.read' },
      schema: {
        tags,
        summary:
          'Detainees tied by a seized device, SIM or number: suggested association links with the evidence',
        querystring: Type.Object(
          { siteId: Type.Optional(Id), detaineeId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Link), ...refusals },
      },
    },
    async (request) => contraband.seizureLinks(actorOf(request, clock), request.query),
  );

  app.get(
    '/api/detainees/:id/contacts',
    {
      config: { permission: 'comms.read' },
      schema: {
        tags: ctags,
        summary: "A detainee's contacts (privileged ones only for those with need-to-know)",
        params: IdParams,
        response: { 200: Type.Array(Contact), ...refusals },
      },
    },
    async (request) => communications.listContacts(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/detainees/:id/contacts',
    {
      config: { permission: 'comms.write' },
      schema: {
        tags: ctags,
        summary: 'Ask for a contact to be approved',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Enum([...CONTACT_KINDS]),
            name: Text(200),
            relationship: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            organisation: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            phone: Type.Optional(Nullable(Identifier)),
            address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Contact, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await communications.addContact(
            actorOf(request, clock),
            request.params.id,
            request.body as Parameters<CommunicationsService['addContact']>[2],
          ),
        ),
  );

  app.post(
    '/api/contacts/:id/decision',
    {
      config: { permission: 'comms.write' },
      schema: {
        tags: ctags,
        summary: 'Approve, refuse or revoke a contact',
        params: IdParams,
        body: Type.Object(
          {
            decision: Type.Enum(['approved', 'refused', 'revoked']),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Contact, ...refusals, 409: ErrorBody },
      },
    },
    async (request) =>
      communications.decideContact(
        actorOf(request, clock),
        request.params.id,
        request.body as Parameters<CommunicationsService['decideContact']>[2],
      ),
  );

  app.get(
    '/api/detainees/:id/communications',
    {
      config: { permission: 'comms.read' },
      schema: {
        tags: ctags,
        summary:
          'Visits, calls and letters; privileged contact only for those with need-to-know, and never its content',
        params: IdParams,
        querystring: Type.Object(
          {
            mode: Type.Optional(Type.Enum([...MODES])),
            privileged: Type.Optional(Type.Enum(['include', 'exclude', 'only'])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Communication), ...refusals },
      },
    },
    async (request) =>
      communications.list(
        actorOf(request, clock),
        request.params.id,
        request.query as Parameters<CommunicationsService['list']>[2],
      ),
  );

  app.post(
    '/api/detainees/:id/communications',
    {
      config: { permission: 'comms.write' },
      schema: {
        tags: ctags,
        summary: 'Log a visit, call or letter (privileged contact: who, when, how long — never monitored)',
        params: IdParams,
        body: Type.Object(
          {
            mode: Type.Enum([...MODES]),
            direction: Type.Enum(['in', 'out']),
            contactId: Type.Optional(Nullable(Id)),
            counterpartKind: Type.Optional(Type.Enum([...CONTACT_KINDS])),
            counterpartName: Type.Optional(Text(200)),
            phoneNumber: Type.Optional(Nullable(Identifier)),
            at: IsoDateTime,
            durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1440 }))),
            monitored: Type.Boolean(),
            summary: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Communication, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await communications.log(
            actorOf(request, clock),
            request.params.id,
            request.body as Parameters<CommunicationsService['log']>[2],
          ),
        ),
  );

  app.get(
    '/api/detainees/:id/contact-restrictions',
    {
      config: { permission: 'comms.read' },
      schema: {
        tags: ctags,
        summary: 'Restrictions of contact as a sanction',
        params: IdParams,
        response: { 200: Type.Array(Restriction), ...refusals },
      },
    },
    async (request) => communications.restrictions(actorOf(request, clock), request.params.id),
  );

  app.post(
    '/api/detainees/:id/contact-restrictions',
    {
      config: { permission: 'comms.restrict' },
      schema: {
        tags: ctags,
        summary:
          'Restrict contact as a sanction: at most 30 days, never privileged contact, never all family contact (Rule 43)',
        params: IdParams,
        body: Type.Object(
          {
            modes: Type.Array(Type.Enum([...MODES]), { minItems: 1, maxItems: 3 }),
            counterparts: Type.Array(Type.Enum(['family', 'other']), { minItems: 1, maxItems: 2 }),
            reason: Text(2000),
            from: IsoDateTime,
            to: IsoDateTime,
          },
          { additionalProperties: false },
        ),
        response: { 201: Restriction, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await communications.restrict(
            actorOf(request, clock),
            request.params.id,
            request.body as Parameters<CommunicationsService['restrict']>[2],
          ),
        ),
  );
};
