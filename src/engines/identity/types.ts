/** A person record as the register, a manifest or the dedupe CLI hands it to the engine. */
export interface PersonRecord {
  id: string;
  /** Every name as written: Latin, Arabic or Cyrillic script, legal names, aliases, kunyas. */
  names: string[];
  sex?: 'M' | 'F';
  /** "YYYY-MM-DD" or "YYYY". */
  dob?: string;
  /** ISO 3166-1 alpha-2 codes. */
  nationality?: string[];
  motherName?: string;
}

export type Script = 'latin' | 'arabic' | 'cyrillic';

/** Which part of a person's name a token plays; kunya tokens never count as a legal name part. */
export type NameRole = 'given' | 'father' | 'grandfather' | 'family' | 'kunya' | 'other';

export interface NameToken {
  /** The normalised token in its own script (articles and compounds resolved). */
  text: string;
  /** Phonetic skeleton shared by all scripts: what token similarity is computed on. */
  key: string;
  /** Coarser key (consonant classes only): for blocking, indexing and frequencies. */
  coarse: string;
  /** Interned id of `key` (see keyId) for fast comparison. */
  kid: number;
  /** Interned id of the Latin text as written (see textId), -1 for Arabic script: for typo checks. */
  tid: number;
  role: NameRole;
}

export interface ParsedName {
  raw: string;
  script: Script;
  /** 'kunya' for a nom de guerre such as "Abu Imad al-Iraqi"; those are matched only with each other. */
  kind: 'name' | 'kunya';
  tokens: NameToken[];
}

export type Decision = 'same' | 'possible' | 'different';

export type EvidenceField = 'name' | 'kunya' | 'dob' | 'sex' | 'nationality' | 'motherName';

/** One reason for or against a match, in words a reviewer can check against the two files. */
export interface Evidence {
  direction: 'for' | 'against';
  field: EvidenceField;
  /** Log-likelihood-like weight; positive for, negative against. */
  weight: number;
  message: string;
  /** True when this alone rules out a merge (different sex, dates years apart, different mother). */
  hard?: boolean;
}

export interface PairScore {
  score: number;
  decision: Decision;
  evidence: Evidence[];
  /** True when some evidence alone rules out a merge; set even when evidence was not kept (explain=false). */
  hard?: boolean;
}
