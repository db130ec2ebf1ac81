export interface SearchesTable {
  id: string;
  site_id: string;
  /** cell | person | area */
  kind: string;
  cell_id: string | null;
  detainee_id: string | null;
  area: string | null;
  searched_at: string;
  /** The officers who searched, as written on the search record. */
  searched_by: string;
  /** nothing_found | items_seized */
  result: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface SeizedItemsTable {
  id: string;
  search_id: string | null;
  site_id: string;
  /** phone | sim | charger | weapon | drugs | documents | other */
  type: string;
  description: string;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  /** Normalised to digits with an optional leading +. */
  phone_number: string | null;
  /** held | disposed */
  custody_status: string;
  holder: string;
  seized_at: string;
  recorded_by: string;
}

export interface SeizedItemDetaineesTable {
  item_id: string;
  detainee_id: string;
}

/** The chain of custody of a seized item until its disposal. */
export interface ItemCustodyEventsTable {
  id: string;
  item_id: string;
  /** seized | transferred | analysed | disposed */
  action: string;
  holder: string;
  note: string | null;
  at: string;
  by: string;
}

export interface ApprovedContactsTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** family | lawyer | consul | icrc | other */
  kind: string;
  name: string;
  relationship: string | null;
  organisation: string | null;
  phone: string | null;
  address: string | null;
  /** pending | approved | refused | revoked */
  status: string;
  requested_at: string;
  requested_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
}

/**
 * A visit, call or letter. Privileged contact (lawyer, consul, ICRC) keeps who, when and how long:
 * `monitored` is always 0 and `summary` always null for it.
 */
export interface CommunicationsTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** visit | call | letter */
  mode: string;
  /** in | out */
  direction: string;
  contact_id: string | null;
  counterpart_kind: string;
  counterpart_name: string;
  phone_number: string | null;
  privileged: number;
  at: string;
  duration_minutes: number | null;
  monitored: number;
  summary: string | null;
  recorded_at: string;
  recorded_by: string;
}

/** Restrictions of contact as a sanction: limited in time, never a ban on family contact (Rule 43). */
export interface ContactRestrictionsTable {
  id: string;
  detainee_id: string;
  site_id: string;
  /** JSON array of modes: visit | call | letter */
  modes: string;
  /** JSON array of counterpart kinds: family | other */
  counterparts: string;
  reason: string;
  from_at: string;
  to_at: string;
  imposed_at: string;
  imposed_by: string;
}

export interface CommunicationsTables {
  searches: SearchesTable;
  seized_items: SeizedItemsTable;
  seized_item_detainees: SeizedItemDetaineesTable;
  item_custody_events: ItemCustodyEventsTable;
  approved_contacts: ApprovedContactsTable;
  communications: CommunicationsTable;
  contact_restrictions: ContactRestrictionsTable;
}
