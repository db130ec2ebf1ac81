/** Holding limits per legal basis: read by everyone with legal.read, edited by legal officers and the director. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi } from '../legal-api';
import { useSession } from '../session';
import { useApi } from '../use-api';

const num = (v: string) => (v.trim() === '' ? null : Number(v));

export function LegalRulesPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const rules = useApi(() => legalApi.rules(), []);
  const [basis, setBasis] = useState('');
  const [charge, setCharge] = useState('');
  const [review, setReview] = useState('');
  const [pretrial, setPretrial] = useState('');
  const [warn, setWarn] = useState('7');
  const [error, setError] = useState<string | null>(null);
  const show = (v: number | null) => (v === null ? '—' : f.number(v));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await legalApi.setRule({
        basis,
        maxDaysBeforeCharge: num(charge),
        reviewIntervalDays: num(review),
        maxPretrialDays: num(pretrial),
        warnDaysBefore: Number(warn),
      });
      setBasis('');
      rules.reload();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  return (
    <details className="panel">
      <summary>{t('legal.rules.title')}</summary>
      {rules.loading && <Loading />}
      {rules.error && <ErrorState error={rules.error} onRetry={rules.reload} />}
      {rules.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('legal.rules.basis')}</th>
              <th scope="col">{t('legal.rules.charge')}</th>
              <th scope="col">{t('legal.rules.review')}</th>
              <th scope="col">{t('legal.rules.pretrial')}</th>
              <th scope="col">{t('legal.rules.warn')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.basis === '*' ? t('legal.rules.default') : <span data-value>{r.basis}</span>}
                </th>
                <td>{show(r.maxDaysBeforeCharge)}</td>
                <td>{show(r.reviewIntervalDays)}</td>
                <td>{show(r.maxPretrialDays)}</td>
                <td>{f.number(r.warnDaysBefore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can('legal.write') && (
        <form className="filters" onSubmit={submit} aria-label={t('legal.rules.set')}>
          <div className="field">
            <label htmlFor="rule-basis">{t('legal.rules.basis')}</label>
            <input id="rule-basis" required value={basis} onChange={(e) => setBasis(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="rule-charge">{t('legal.rules.charge')}</label>
            <input
              id="rule-charge"
              type="number"
              min={0}
              value={charge}
              onChange={(e) => setCharge(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="rule-review">{t('legal.rules.review')}</label>
            <input
              id="rule-review"
              type="number"
              min={1}
              value={review}
              onChange={(e) => setReview(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="rule-pretrial">{t('legal.rules.pretrial')}</label>
            <input
              id="rule-pretrial"
              type="number"
              min={0}
              value={pretrial}
              onChange={(e) => setPretrial(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="rule-warn">{t('legal.rules.warn')}</label>
            <input
              id="rule-warn"
              type="number"
              min={0}
              required
              value={warn}
              onChange={(e) => setWarn(e.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('legal.rules.set')}
          </button>
          {error && (
            <p role="alert" className="state state-error">
              {error}
            </p>
          )}
        </form>
      )}
    </details>
  );
}
