import type { Flag } from '../../platform/db/platform-tables';

export interface SitesTable {
  id: string;
  code: string;
  name: string;
  name_ar: string;
  created_at: string;
  /** WGS84, for the threat map (added by migration 0006; null until placed). */
  lat: number | null;
  lon: number | null;
}

export interface BlocksTable {
  id: string;
  site_id: string;
  code: string;
  name: string;
}

export interface WingsTable {
  id: string;
  block_id: string;
  site_id: string;
  code: string;
  name: string;
  /** Designation: M | F. */
  sex: string;
  /** Designation: adult | juvenile. */
  age_group: string;
}

export interface CellsTable {
  id: string;
  wing_id: string;
  block_id: string;
  site_id: string;
  code: string;
  capacity: number;
  /** general | segregation | medical */
  use: string;
  out_of_service: Flag;
  out_of_service_reason: string | null;
  out_of_service_since: string | null;
}

export interface EstateTables {
  sites: SitesTable;
  blocks: BlocksTable;
  wings: WingsTable;
  cells: CellsTable;
}
