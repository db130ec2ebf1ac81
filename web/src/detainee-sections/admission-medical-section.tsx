/** Injuries seen at admission and complaints of earlier ill-treatment: need-to-know (medical.read); written by intake and medical staff. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { recordApi } from '../register-record-api';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { ComplaintForm } from './record-forms';
import type { DetaineeSectionProps } from './registry';

export default function AdmissionMedicalSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const data = useApi(() => recordApi.record(detainee.id), [detainee.id]);
  const [injury, setInjury] = useState({ bodyLocation: '', description: '', examinedBy: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await recordApi.addItem(detainee.id, 'injuries', { ...injury, observedAt: new Date().toISOString() });
      setInjury({ bodyLocation: '', description: '', examinedBy: injury.examinedBy });
      data.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  if (data.loading) return <Loading />;
  if (data.error || !data.data)
    return data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null;
  const { injuries = [], complaints = [] } = data.data;
  return (
    <>
      <h4>{t('register-record.sections.injuries')}</h4>
      {injuries.length === 0 ? (
        <p className="muted">{t('register-record.none')}</p>
      ) : (
        <ul className="timeline">
          {injuries.map((i) => (
            <li key={i.itemId}>
              {f.dateTime(String(i.observedAt))} ·{' '}
              <span data-value>
                {String(i.bodyLocation)}: {String(i.description)}
              </span>{' '}
              · <span data-value>{String(i.examinedBy)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('register-record.sections.complaints')}</h4>
      {complaints.length === 0 ? (
        <p className="muted">{t('register-record.none')}</p>
      ) : (
        <ul className="timeline">
          {complaints.map((i) => (
            <li key={i.itemId}>
              {f.dateTime(String(i.receivedAt))} · <span data-value>{String(i.allegation)}</span>
              {i.referredTo ? (
                <>
                  {' '}
                  · {t('register-record.referredTo')} <span data-value>{String(i.referredTo)}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can('medical.write') && (
        <form className="form-grid" onSubmit={submit}>
          <div className="field">
            <label htmlFor="am-loc">{t('register-record.bodyLocation')}</label>
            <input
              id="am-loc"
              value={injury.bodyLocation}
              onChange={(e) => setInjury({ ...injury, bodyLocation: e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="am-desc">{t('register-record.description')}</label>
            <input
              id="am-desc"
              value={injury.description}
              onChange={(e) => setInjury({ ...injury, description: e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="am-by">{t('register-record.examinedBy')}</label>
            <input
              id="am-by"
              value={injury.examinedBy}
              onChange={(e) => setInjury({ ...injury, examinedBy: e.target.value })}
              required
            />
          </div>
          <button type="submit">{t('register-record.addInjury')}</button>
        </form>
      )}
      {can('medical.write') && <ComplaintForm detaineeId={detainee.id} onSaved={data.reload} />}
    </>
  );
}
