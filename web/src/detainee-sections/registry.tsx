/**
 * THE DETAINEE SECTION REGISTRY — panels that capabilities add to the detainee page
 * (legal case, housing and associations, medical, visits, incidents…).
 *
 * EXTENSION POINT — adding a section for your capability (e.g. legal):
 *   1. Write `web/src/detainee-sections/legal-section.tsx` with a default export taking
 *      `{ detainee }: DetaineeSectionProps` (the record already loaded by the page; fetch your
 *      own data with `useApi` from ../use-api). Render content only: the page draws the
 *      section's frame and its heading from `titleKey`.
 *   2. Append ONE entry below:
 *        { id: 'legal', titleKey: 'legal.section.title', permission: 'legal.read', order: 30,
 *          component: lazy(() => import('./legal-section')) },
 *      `permission` hides the section from roles without it (need-to-know: medical,
 *      intelligence). Strings go in your feature's own locale files.
 * Sections are lazily loaded and each is isolated: one that fails shows its own error, not a
 * broken page.
 */
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { Detainee } from '../api';

export interface DetaineeSectionProps {
  detainee: Detainee;
}

export interface DetaineeSection {
  id: string;
  /** i18n key of the section's heading. */
  titleKey: string;
  permission?: string;
  order?: number;
  component: LazyExoticComponent<ComponentType<DetaineeSectionProps>>;
}

export const DETAINEE_SECTIONS: DetaineeSection[] = [
  {
    id: 'record-views',
    titleKey: 'audit.section.title',
    permission: 'audit.read',
    order: 900,
    component: lazy(() => import('./record-views-section')),
  },
  {
    id: 'housing',
    titleKey: 'housing.move.section',
    permission: 'detainee.read',
    order: 40,
    component: lazy(() => import('./housing-section')),
  },
  {
    id: 'segregation',
    titleKey: 'housing.segregation.section',
    permission: 'detainee.read',
    order: 45,
    component: lazy(() => import('./segregation-section')),
  },
  {
    id: 'classification',
    titleKey: 'housing.classification.section',
    permission: 'intelligence.read',
    order: 46,
    component: lazy(() => import('./classification-section')),
  },
  {
    id: 'legal',
    titleKey: 'legal.section.title',
    permission: 'legal.read',
    order: 30,
    component: lazy(() => import('./legal-section')),
  },
  {
    id: 'consular',
    titleKey: 'legal.consular.section',
    permission: 'consular.read',
    order: 32,
    component: lazy(() => import('./consular-section')),
  },
  {
    id: 'register-record',
    titleKey: 'register-record.section',
    permission: 'detainee.read',
    order: 10,
    component: lazy(() => import('./register-record-section')),
  },
  {
    id: 'admission-medical',
    titleKey: 'register-record.medicalSection',
    permission: 'medical.read',
    order: 12,
    component: lazy(() => import('./admission-medical-section')),
  },
  {
    id: 'incidents',
    titleKey: 'incidents.section.title',
    permission: 'incident.read',
    order: 50,
    component: lazy(() => import('./incidents-section')),
  },
];

/** The sections this user may see, in page order. */
export function sectionsFor(can: (permission: string | undefined) => boolean): DetaineeSection[] {
  return DETAINEE_SECTIONS.filter((s) => can(s.permission)).sort(
    (a, b) => (a.order ?? 100) - (b.order ?? 100),
  );
}
