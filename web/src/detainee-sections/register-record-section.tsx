/** The record of Mandela Rules 7-8: names with their parts, mother and birthplace, documents, biometric references held elsewhere, family, emergency contacts, property — each listed, and written from here. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { type Item, recordApi } from '../register-record-api';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { EmergencyContactForm, FamilyForm, PropertyForm, PropertyReturnForm } from './record-forms';
import type { DetaineeSectionProps } from './registry';

/** Kinds of identity document; their labels are `register-record.docTypes.<kind>`. */
export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'civil_registry',
  'travel_document',
  'other',
] as const;

const LISTS: {
  field: 'documents' | 'biometricReferences' | 'emergencyContacts';
  show: (i: Item, t: (key: string, options?: { defaultValue: string }) => string) => string;
}[] = [
  {
    field: 'documents',
    show: (i, t) =>
      `${t(`register-record.docTypes.${String(i.type)}`, { defaultValue: String(i.type) })} ${i.number} · ${i.issuingState}${i.expiresOn ? ` · ${i.expiresOn}` : ''}`,
  },
  { field: 'biometricReferences', show: (i) => `${i.system}: ${i.reference}` },
  {
    field: 'emergencyContacts',
    show: (i) =>
      `${i.name} (${i.relation})${i.phone ? ` · ${i.phone}` : ''}${i.address ? ` · ${i.address}` : ''}`,
  },
];

export default function RegisterRecordSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const data = useApi(() => recordApi.record(detainee.id), [detainee.id]);
  const [name, setName] = useState({
    name: '',
    script: 'latin',
    kind: 'alias',
    given: '',
    father: '',
    grandfather: '',
    family: '',
  });
  const [doc, setDoc] = useState({ type: 'passport', number: '', issuingState: '' });
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState<string | null>(null);
  const run = async (e: FormEvent, action: () => Promise<unknown>) => {
    e.preventDefault();
    setError(null);
    try {
      await action();
      data.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  if (data.loading) return <Loading />;
  if (data.error || !data.data)
    return data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null;
  const r = data.data;
  return (
    <>
      <h4>{t('register-record.names')}</h4>
      <table>
        <thead>
          <tr>
            <th>{t('register-record.name')}</th>
            <th>{t('register-record.script')}</th>
            <th>{t('register-record.kind')}</th>
            <th>{t('register-record.parts')}</th>
          </tr>
        </thead>
        <tbody>
          {r.names.map((n) => (
            <tr key={n.id}>
              <td data-value dir={n.script === 'arabic' ? 'rtl' : 'ltr'}>
                {n.name}
              </td>
              <td>{t(`register-record.scripts.${n.script}`)}</td>
              <td>{t(`register-record.kinds.${n.kind}`)}</td>
              <td data-value>{[n.given, n.father, n.grandfather, n.family].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>{t('register-record.motherName')}</dt>
        <dd data-value>
          {[r.personal?.motherName, r.personal?.motherNameAr].filter(Boolean).join(' / ') || '—'}
        </dd>
        <dt>{t('register-record.placeOfBirth')}</dt>
        <dd data-value>
          {[r.personal?.placeOfBirth, r.personal?.placeOfBirthCountry].filter(Boolean).join(', ') || '—'}
        </dd>
      </dl>
      {LISTS.map((l) => (
        <div key={l.field}>
          <h4>{t(`register-record.sections.${l.field}`)}</h4>
          {r[l.field].length === 0 ? (
            <p className="muted">{t('register-record.none')}</p>
          ) : (
            <ul className="timeline">
              {r[l.field].map((i) => (
                <li key={i.itemId}>
                  <span data-value>{l.show(i, t)}</span> · {f.dateTime(i.recordedAt)} ·{' '}
                  <span data-value>{i.recordedBy}</span>
                  {i.version > 1 ? ` · v${i.version}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <h4>{t('register-record.sections.family')}</h4>
      {r.family.length === 0 ? (
        <p className="muted">{t('register-record.none')}</p>
      ) : (
        <ul className="timeline" data-testid="rr-family-list">
          {r.family.map((i) => (
            <li key={i.itemId}>
              {t(`register-record.relations.${String(i.relation)}`, { defaultValue: String(i.relation) })}:{' '}
              <span data-value>{String(i.name)}</span>
              {i.age != null && <> · {t('register-record.family.ageIs', { age: Number(i.age) })}</>}
              {i.caredForBy ? (
                <>
                  {' '}
                  · {t('register-record.family.caredForByIs')} <span data-value>{String(i.caredForBy)}</span>
                </>
              ) : null}
              {i.contact ? (
                <>
                  {' '}
                  · <span data-value>{String(i.contact)}</span>
                </>
              ) : null}
              <span className="muted">
                {' '}
                · {f.dateTime(i.recordedAt)} · <span data-value>{i.recordedBy}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('register-record.sections.property')}</h4>
      {r.property.length === 0 ? (
        <p className="muted">{t('register-record.none')}</p>
      ) : (
        <ul className="timeline" data-testid="rr-property-list">
          {r.property.map((i) => (
            <li key={i.itemId}>
              <p className="timeline-title">
                {t('register-record.property.bagIs')}{' '}
                <span className="code" data-value>
                  {String(i.bagNumber)}
                </span>
                {i.returnedAt ? (
                  <span className="badge">
                    {t('register-record.property.returnedOn', { when: f.dateTime(String(i.returnedAt)) })}
                  </span>
                ) : (
                  <span className="badge badge-in_custody">{t('register-record.property.held')}</span>
                )}
              </p>
              <p data-value>
                {(i.items as { description: string; quantity: number }[])
                  .map((x) => `${x.quantity} × ${x.description}`)
                  .join(', ')}
              </p>
              <p className="muted">
                {t('register-record.property.receivedOn', { when: f.dateTime(String(i.receivedAt)) })} ·{' '}
                {t('register-record.property.signedBy')} <span data-value>{String(i.detaineeSignature)}</span>
                , <span data-value>{String(i.officerSignature)}</span>
              </p>
              {i.returnedAt ? (
                <p className="muted">
                  {t('register-record.property.returnSignedBy')}{' '}
                  <span data-value>{String(i.returnedSignature)}</span>,{' '}
                  <span data-value>{String(i.returnOfficerSignature)}</span>
                  {i.withheld ? (
                    <>
                      {' '}
                      · {t('register-record.property.withheldIs')}{' '}
                      <span data-value>{String(i.withheld)}</span>
                    </>
                  ) : null}
                </p>
              ) : (
                can('detainee.write') &&
                (returning === i.itemId ? (
                  <PropertyReturnForm
                    detaineeId={detainee.id}
                    itemId={i.itemId}
                    onSaved={() => {
                      setReturning(null);
                      data.reload();
                    }}
                  />
                ) : (
                  <button type="button" className="button" onClick={() => setReturning(i.itemId)}>
                    {t('register-record.property.return', { bag: String(i.bagNumber) })}
                  </button>
                ))
              )}
            </li>
          ))}
        </ul>
      )}
      {r.withheld.length > 0 && <p className="muted">{t('register-record.withheld')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can('detainee.write') && (
        <>
          <form
            className="form-grid"
            onSubmit={(e) =>
              run(e, async () => {
                await recordApi.addName(
                  detainee.id,
                  Object.fromEntries(Object.entries(name).filter(([, v]) => v !== '')),
                );
                setName({ ...name, name: '', given: '', father: '', grandfather: '', family: '' });
              })
            }
          >
            <div className="field">
              <label htmlFor="rr-name">{t('register-record.addName')}</label>
              <input
                id="rr-name"
                value={name.name}
                onChange={(e) => setName({ ...name, name: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="rr-script">{t('register-record.script')}</label>
              <select
                id="rr-script"
                value={name.script}
                onChange={(e) => setName({ ...name, script: e.target.value })}
              >
                {['latin', 'arabic'].map((s) => (
                  <option key={s} value={s}>
                    {t(`register-record.scripts.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rr-kind">{t('register-record.kind')}</label>
              <select
                id="rr-kind"
                value={name.kind}
                onChange={(e) => setName({ ...name, kind: e.target.value })}
              >
                {['legal', 'alias', 'kunya', 'transliteration'].map((k) => (
                  <option key={k} value={k}>
                    {t(`register-record.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            {(['given', 'father', 'grandfather', 'family'] as const).map((p) => (
              <div className="field" key={p}>
                <label htmlFor={`rr-${p}`}>{t(`register-record.part.${p}`)}</label>
                <input
                  id={`rr-${p}`}
                  value={name[p]}
                  onChange={(e) => setName({ ...name, [p]: e.target.value })}
                />
              </div>
            ))}
            <button type="submit">{t('register-record.add')}</button>
          </form>
          <form
            className="form-grid"
            onSubmit={(e) =>
              run(e, async () => {
                await recordApi.addItem(detainee.id, 'documents', doc);
                setDoc({ ...doc, number: '' });
              })
            }
          >
            <div className="field">
              <label htmlFor="rr-doc-type">{t('register-record.documentType')}</label>
              <select
                id="rr-doc-type"
                value={doc.type}
                onChange={(e) => setDoc({ ...doc, type: e.target.value })}
              >
                {DOCUMENT_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {t(`register-record.docTypes.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rr-doc-no">{t('register-record.documentNumber')}</label>
              <input
                id="rr-doc-no"
                value={doc.number}
                onChange={(e) => setDoc({ ...doc, number: e.target.value })}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="rr-doc-state">{t('register-record.issuingState')}</label>
              <input
                id="rr-doc-state"
                value={doc.issuingState}
                maxLength={2}
                onChange={(e) => setDoc({ ...doc, issuingState: e.target.value.toUpperCase() })}
                required
              />
            </div>
            <button type="submit">{t('register-record.add')}</button>
          </form>
          <FamilyForm detaineeId={detainee.id} onSaved={data.reload} />
          <EmergencyContactForm detaineeId={detainee.id} onSaved={data.reload} />
          <PropertyForm detaineeId={detainee.id} onSaved={data.reload} />
        </>
      )}
    </>
  );
}
