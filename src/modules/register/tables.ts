export interface DetaineesTable {
  id: string;
  /** The register number people use, e.g. CUS-2026-000123. */
  number: string;
  /** The legal name in Latin script, kept for lists and sorting. */
  display_name: string;
  sex: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD: dates of birth are often approximate. */
  dob: string | null;
  /** untried | convicted */
  legal_status: string;
  /** adult | juvenile */
  age_category: string;
  /** arriving | in_custody | released | transferred_out | repatriated | escaped | deceased */
  status: string;
  /** The site that holds (or receives) the detainee. */
  site_id: string;
  cell_id: string | null;
  arrested_at: string | null;
  arrest_place: string | null;
  admitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DetaineeNamesTable {
  id: string;
  detainee_id: string;
  name: string;
  /** arabic | latin */
  script: string;
  /** legal | alias | kunya | transliteration */
  kind: string;
  position: number;
}

export interface DetaineeNationalitiesTable {
  detainee_id: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

export interface LegalBasesTable {
  id: string;
  detainee_id: string;
  basis: string;
  authority: string;
  from_date: string;
  to_date: string | null;
  note: string | null;
  recorded_at: string;
}

export interface RegisterTables {
  detainees: DetaineesTable;
  detainee_names: DetaineeNamesTable;
  detainee_nationalities: DetaineeNationalitiesTable;
  legal_bases: LegalBasesTable;
}
