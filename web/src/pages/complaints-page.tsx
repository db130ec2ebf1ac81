/** Complaints and allegations of ill-treatment (Rules 56-57): recorded for a detainee, referred to an independent authority, with status and outcome. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { safeguardsApi } from '../safeguards-api';
import { useSession } from '../session';
import { useApi } from '../use-api';

function statusLabel(t: (k: string) => string, status: string): string {
  switch (status) {
    case 'received':
      return t('safeguards.complaints.status.received');
    case 'referred':
      return t('safeguards.complaints.status.referred');
    case 'under_investigation':
      return t('safeguards.complaints.status.investigating');
    case 'closed':
      return t('safeguards.complaints.status.closed');
    default:
      return status;
  }
}

export default function ComplaintsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const list = useApi(() => safeguardsApi.complaints(), []);
  const [form, setForm] = useState({ detaineeId: '', kind: 'allegation', summary: '' });
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('safeguards.complaints.title')}</h1>
      </header>
      {can('complaint.write') && (
        <form
          className="panel filters"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!form.detaineeId.trim()) return setError(t('safeguards.complaints.detaineeRequired'));
            try {
              await safeguardsApi.createComplaint({
                detaineeId: form.detaineeId.trim(),
                kind: form.kind,
                category: 'treatment',
                summary: form.summary,
                lodgedByKind: 'detainee',
                lodgedByName: form.detaineeId.trim(),
                lodgedAt: new Date().toISOString(),
              });
              setForm({ detaineeId: '', kind: 'allegation', summary: '' });
              setError(null);
              list.reload();
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        >
          <div className="field">
            <label htmlFor="c-d">{t('safeguards.complaints.detaineeId')}</label>
            <input
              id="c-d"
              value={form.detaineeId}
              onChange={(e) => setForm({ ...form, detaineeId: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="c-k">{t('safeguards.complaints.kind')}</label>
            <select id="c-k" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="allegation">{t('safeguards.complaints.allegation')}</option>
              <option value="complaint">{t('safeguards.complaints.complaint')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="c-s">{t('safeguards.complaints.summary')}</label>
            <input
              id="c-s"
              required
              value={form.summary}
              onChange={(e) => setForm({ ...form, summary: e.target.value })}
            />
          </div>
          <button className="button" type="submit">
            {t('safeguards.complaints.record')}
          </button>
          {error && (
            <span role="alert" className="error">
              {error}
            </span>
          )}
        </form>
      )}
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <Empty>{t('safeguards.complaints.none')}</Empty>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap panel">
          <table className="table">
            <thead>
              <tr>
                <th>{t('safeguards.complaints.number')}</th>
                <th>{t('safeguards.compliance.detainee')}</th>
                <th>{t('safeguards.complaints.lodged')}</th>
                <th>{t('safeguards.complaints.summary')}</th>
                <th>{t('safeguards.complaints.state')}</th>
                <th>{t('safeguards.complaints.authority')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td className="code">{c.number}</td>
                  <td>
                    <Link to={`/detainees/${encodeURIComponent(c.detaineeId)}`}>
                      <span className="code">{c.detaineeNumber}</span>{' '}
                      <span data-value>{c.detaineeName}</span>
                    </Link>
                  </td>
                  <td>{f.dateTime(c.lodgedAt)}</td>
                  <td data-value>{c.summary}</td>
                  <td>
                    {statusLabel(t, c.status)}
                    {c.outcome && <div data-value>{c.outcome}</div>}
                  </td>
                  <td data-value>
                    {c.authority ?? '—'}
                    {c.authorityReference ? ` (${c.authorityReference})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
