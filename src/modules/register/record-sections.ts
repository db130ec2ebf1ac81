import { Type, type TProperties } from '@fastify/type-provider-typebox';
import { isCountryCode } from '../../platform/countries';
import type { Permission } from '../../platform/auth/policy';
import { validPartialDate } from './register-service';

/**
 * The sections of a detainee's record beyond the core identity (Mandela Rules 7-8), each a list
 * of items kept in versions. `read` is the need-to-know permission to see it (null: whoever may
 * read the record); `write` the permission to change it.
 */
export interface SectionDef {
  /** The API path segment and the record view's field (camelCase of it). */
  path: string;
  /** The stored section name. */
  section: string;
  field: string;
  read: Permission | null;
  write: Permission;
  /** Whether items may be removed (medical observations are corrected, never removed). */
  removable: boolean;
  properties: TProperties;
  /** Checks a schema cannot make; returns the first problem `{ field, message }`. */
  check?: (data: Record<string, unknown>) => { field: string; message: string } | null;
}

const Text = (max = 300) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max = 300) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const PartialDate = Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' });
const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });

const country = (field: string, value: unknown) =>
  typeof value === 'string' && !isCountryCode(value)
    ? { field, message: `"${value}" is not an ISO 3166-1 alpha-2 code` }
    : null;
const partial = (field: string, value: unknown) =>
  typeof value === 'string' && !validPartialDate(value)
    ? { field, message: `"${value}" is not a date` }
    : null;

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'civil_registry',
  'birth_certificate',
  'travel_document',
  'residence_permit',
  'driving_licence',
  'military_id',
  'other',
] as const;
export const FAMILY_RELATIONS = [
  'mother',
  'father',
  'spouse',
  'child',
  'sibling',
  'guardian',
  'other',
] as const;

export const SECTIONS: SectionDef[] = [
  {
    path: 'documents',
    section: 'document',
    field: 'documents',
    read: null,
    write: 'detainee.write',
    removable: true,
    properties: {
      type: Type.Enum([...DOCUMENT_TYPES]),
      number: Type.String({ minLength: 1, maxLength: 60 }),
      issuingState: Country,
      issuedOn: Type.Optional(Type.Union([DateOnly, Type.Null()])),
      expiresOn: Type.Optional(Type.Union([DateOnly, Type.Null()])),
      /** Held by the service, seen only, or reported by another authority. */
      holding: Type.Optional(Type.Enum(['held', 'seen', 'reported'])),
      note: OptText(1000),
    },
    check: (d) =>
      country('issuingState', d.issuingState) ??
      (d.issuedOn && d.expiresOn && String(d.expiresOn) < String(d.issuedOn)
        ? { field: 'expiresOn', message: 'is before issuedOn' }
        : null),
  },
  {
    path: 'biometric-references',
    section: 'biometric',
    field: 'biometricReferences',
    read: null,
    write: 'detainee.write',
    removable: true,
    // A reference number in another system only: Custodia never stores fingerprints, faces or irises.
    properties: {
      system: Text(120),
      reference: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9._:/-]+$' }),
      modality: Type.Optional(Type.Enum(['fingerprints', 'face', 'iris', 'dna', 'other'])),
      note: OptText(500),
    },
  },
  {
    path: 'family',
    section: 'family',
    field: 'family',
    read: null,
    write: 'detainee.write',
    removable: true,
    properties: {
      relation: Type.Enum([...FAMILY_RELATIONS]),
      name: Text(200),
      sex: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Null()])),
      dob: Type.Optional(Type.Union([PartialDate, Type.Null()])),
      /** A child's age in years when the date of birth is not known. */
      age: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 120 }), Type.Null()])),
      /** For a child: who cares for them now (Rule 7(f) asks it of children of detainees). */
      caredForBy: OptText(300),
      whereabouts: OptText(300),
      contact: OptText(300),
      note: OptText(1000),
    },
    check: (d) => partial('dob', d.dob),
  },
  {
    path: 'emergency-contacts',
    section: 'emergency_contact',
    field: 'emergencyContacts',
    read: null,
    write: 'detainee.write',
    removable: true,
    properties: {
      name: Text(200),
      relation: Text(100),
      phone: Type.Optional(Type.Union([Type.String({ pattern: '^[+0-9 ()-]{3,30}$' }), Type.Null()])),
      address: OptText(500),
      note: OptText(1000),
    },
  },
  {
    path: 'property',
    section: 'property',
    field: 'property',
    read: null,
    write: 'detainee.write',
    removable: false,
    properties: {
      bagNumber: Type.String({ minLength: 1, maxLength: 60 }),
      items: Type.Array(
        Type.Object(
          { description: Text(300), quantity: Type.Integer({ minimum: 1, maximum: 100000 }) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 200 },
      ),
      receivedAt: DateTime,
      /** The detainee's signature (name as signed, or "refused to sign"). */
      detaineeSignature: Text(200),
      officerSignature: Text(200),
      note: OptText(1000),
    },
  },
  {
    path: 'injuries',
    section: 'injury',
    field: 'injuries',
    read: 'medical.read',
    write: 'medical.write',
    removable: false,
    properties: {
      observedAt: DateTime,
      bodyLocation: Text(200),
      description: Text(4000),
      /** What the detainee says caused it, in their words. */
      detaineeAccount: OptText(4000),
      examinedBy: Text(200),
      referredTo: OptText(300),
    },
  },
  {
    path: 'complaints',
    section: 'complaint',
    field: 'complaints',
    read: 'medical.read',
    write: 'medical.write',
    removable: false,
    properties: {
      receivedAt: DateTime,
      /** The allegation of earlier ill-treatment, as the detainee gives it. */
      allegation: Text(8000),
      allegedAgainst: OptText(300),
      when: Type.Optional(Type.Union([PartialDate, Type.Null()])),
      place: OptText(300),
      /** The independent authority it was passed to (Rule 57). */
      referredTo: OptText(300),
    },
    check: (d) => partial('when', d.when),
  },
];

/** What property returned on release adds to the property item's next version. */
export const PropertyReturn = Type.Object(
  {
    returnedAt: DateTime,
    /** The detainee's signature on receipt. */
    returnedSignature: Text(200),
    officerSignature: Text(200),
    /** Items not returned (seized as evidence, destroyed as unsafe) and why. */
    withheld: OptText(2000),
  },
  { additionalProperties: false },
);

/** The singleton "personal" section: mother's name and place of birth (Rule 7(a)). */
export const PersonalProperties = {
  motherName: OptText(200),
  motherNameAr: OptText(200),
  placeOfBirth: OptText(300),
  placeOfBirthCountry: Type.Optional(Type.Union([Country, Type.Null()])),
};

export function personalProblem(d: Record<string, unknown>): { field: string; message: string } | null {
  return country('placeOfBirthCountry', d.placeOfBirthCountry);
}

export function sectionByPath(path: string): SectionDef {
  const s = SECTIONS.find((x) => x.path === path);
  if (!s) throw new Error(`unknown section ${path}`);
  return s;
}
