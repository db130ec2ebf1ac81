/** Risk classification and role (intelligence.read), with history; roles with intelligence.write classify. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { housingApi } from '../housing-api';
import { riskLabel, RISKS, roleLabel, ROLES } from '../housing-labels';
import { useFormat } from '../i18n/format';
import { useSession } from '../session';
import { useApi } from '../use-api';
import type { DetaineeSectionProps } from './registry';

export default function ClassificationSection({ detainee }: DetaineeSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const data = useApi(() => housingApi.classification(detainee.id), [detainee.id]);
  const [form, setForm] = useState({ risk: 'medium', role: 'unknown', reason: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await housingApi.classify(detainee.id, { ...form, reason: form.reason.trim() });
      setForm({ ...form, reason: '' });
      data.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  if (data.loading) return <Loading />;
  if (data.error || !data.data)
    return data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : null;
  const { current, history } = data.data;
  return (
    <>
      {current ? (
        <dl className="facts">
          <dt>{t('housing.classification.risk')}</dt>
          <dd>{riskLabel(t, current.risk)}</dd>
          <dt>{t('housing.classification.role')}</dt>
          <dd>{roleLabel(t, current.role)}</dd>
          <dt>{t('housing.classification.reason')}</dt>
          <dd data-value>{current.reason}</dd>
        </dl>
      ) : (
        <p className="muted">{t('housing.classification.none')}</p>
      )}
      {history.length > 1 && (
        <>
          <h4>{t('housing.classification.history')}</h4>
          <ul className="timeline">
            {history
              .filter((h) => h.supersededAt)
              .map((h) => (
                <li key={h.recordedAt}>
                  {riskLabel(t, h.risk)} · {roleLabel(t, h.role)} · {f.dateTime(h.recordedAt)} ·{' '}
                  <span data-value>{h.recordedBy}</span>
                </li>
              ))}
          </ul>
        </>
      )}
      {can('intelligence.write') && (
        <form className="form-grid" onSubmit={submit}>
          <div className="field">
            <label htmlFor="cls-risk">{t('housing.classification.risk')}</label>
            <select
              id="cls-risk"
              value={form.risk}
              onChange={(e) => setForm({ ...form, risk: e.target.value })}
            >
              {RISKS.map((r) => (
                <option key={r} value={r}>
                  {riskLabel(t, r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cls-role">{t('housing.classification.role')}</label>
            <select
              id="cls-role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(t, r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor="cls-reason">{t('housing.classification.reason')}</label>
            <input
              id="cls-reason"
              required
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </div>
          <div className="field-actions">
            <button className="button button-primary" disabled={!form.reason.trim()}>
              {t('housing.classification.save')}
            </button>
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </>
  );
}
