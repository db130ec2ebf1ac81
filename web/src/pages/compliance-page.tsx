/** The estate's compliance, live: per site and estate, every finding with its rule, since when and who must act; resolving needs a reason. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { type Finding, roleLabel, ruleLabel, safeguardsApi } from '../safeguards-api';
import { useSession } from '../session';
import { useApi } from '../use-api';

function ResolveForm({ finding, onDone }: { finding: Finding; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!reason.trim()) return setError(t('safeguards.compliance.reasonRequired'));
        try {
          await safeguardsApi.resolve(finding.key, reason.trim());
          onDone();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <label htmlFor={`reason-${finding.key}`}>{t('safeguards.compliance.reason')}</label>
      <input
        id={`reason-${finding.key}`}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button">
        {t('safeguards.compliance.resolve')}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}

export default function CompliancePage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { query, setQuery } = useRoute();
  const sites = useApi(() => api.sites(), []);
  const report = useApi(() => safeguardsApi.compliance(query.siteId || undefined), [query.siteId]);
  const ar = i18n.language === 'ar';
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('safeguards.compliance.title')}</h1>
        <a className="button" href={safeguardsApi.reportUrl(i18n.language)} target="_blank" rel="noreferrer">
          {t('safeguards.print')}
        </a>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cmp-site">{t('safeguards.site')}</label>
          <select
            id="cmp-site"
            value={query.siteId ?? ''}
            onChange={(e) => setQuery({ siteId: e.target.value })}
          >
            <option value="">{t('safeguards.estate')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code}
              </option>
            ))}
          </select>
        </div>
      </form>
      {report.loading && <Loading />}
      {report.error && <ErrorState error={report.error} onRetry={report.reload} />}
      {report.data && (
        <>
          <div className="table-wrap panel">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('safeguards.compliance.rule')}</th>
                  <th>{t('safeguards.compliance.open')}</th>
                  <th>{t('safeguards.compliance.resolved')}</th>
                  <th>{t('safeguards.compliance.mustAct')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.rules.map((r) => (
                  <tr key={r.rule}>
                    <td>{ruleLabel(t, r.rule)}</td>
                    <td>
                      {r.evaluated ? f.number(r.open) : <em>{t('safeguards.compliance.notEvaluated')}</em>}
                    </td>
                    <td>{r.evaluated ? f.number(r.resolved) : ''}</td>
                    <td>{roleLabel(t, r.mustAct)}</td>
                  </tr>
                ))}
                <tr>
                  <th>{t('safeguards.estate')}</th>
                  <th>{f.number(report.data.estate.open)}</th>
                  <th>{f.number(report.data.estate.resolved)}</th>
                  <th />
                </tr>
              </tbody>
            </table>
          </div>
          <p>{report.data.sites.map((s) => `${s.siteCode}: ${f.number(s.open)}`).join(' · ')}</p>
          {report.data.findings.length === 0 && <Empty>{t('safeguards.compliance.none')}</Empty>}
          {report.data.findings.length > 0 && (
            <div className="table-wrap panel">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('safeguards.compliance.detainee')}</th>
                    <th>{t('safeguards.site')}</th>
                    <th>{t('safeguards.compliance.rule')}</th>
                    <th>{t('safeguards.compliance.since')}</th>
                    <th>{t('safeguards.compliance.mustAct')}</th>
                    <th>{t('safeguards.compliance.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.findings.map((x) => (
                    <tr key={`${x.key}@${x.since}`}>
                      <td>
                        <Link to={`/detainees/${encodeURIComponent(x.detaineeId)}`}>
                          <span className="code">{x.detaineeNumber}</span>{' '}
                          <span data-value>{x.detaineeName}</span>
                        </Link>
                      </td>
                      <td>{x.siteCode}</td>
                      <td>
                        {ruleLabel(t, x.rule)}
                        {!ar && <div className="muted">{x.detail}</div>}
                      </td>
                      <td>{f.date(x.since)}</td>
                      <td>{roleLabel(t, x.mustAct)}</td>
                      <td>
                        {x.resolution ? (
                          <span>
                            {t('safeguards.compliance.resolvedBy', {
                              who: x.resolution.resolvedBy,
                              until: f.date(x.resolution.validUntil),
                            })}{' '}
                            — <span data-value>{x.resolution.reason}</span>
                          </span>
                        ) : can('compliance.resolve') ? (
                          <ResolveForm finding={x} onDone={report.reload} />
                        ) : (
                          <span className="badge badge-severity-warning">
                            {t('safeguards.compliance.open')}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
