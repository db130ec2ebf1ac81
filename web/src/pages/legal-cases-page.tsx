/** Cases in my sites, by stage: the legal officer's list. */
import { useTranslation } from 'react-i18next';
import { Pager } from '../components/pager';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { legalApi } from '../legal-api';
import { useLegalLabels } from '../legal-labels';
import { Link, useRoute } from '../router';
import { useApi } from '../use-api';
import { LegalRulesPanel } from './legal-rules-panel';

const STAGES = ['investigation', 'referral', 'trial', 'verdict', 'sentence', 'appeal', 'final'];

export default function LegalCasesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const l = useLegalLabels();
  const { query, setQuery } = useRoute();
  const page = Math.max(1, Number(query.page) || 1);
  const list = useApi(() => legalApi.cases({ stage: query.stage, page, pageSize: 25 }), [query.stage, page]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('legal.cases.title')}</h1>
        <Link to="/legal/hearings">{t('legal.hearings.nav')}</Link>
      </header>
      <form className="filters panel" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="case-stage">{t('legal.cases.stage')}</label>
          <select
            id="case-stage"
            value={query.stage ?? ''}
            onChange={(e) => setQuery({ stage: e.target.value, page: null })}
          >
            <option value="">{t('legal.cases.allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {l.stage(s)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <LegalRulesPanel />
      <p className="muted">{t('legal.cases.howToOpen')}</p>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('legal.cases.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('legal.cases.reference')}</th>
                <th scope="col">{t('legal.cases.detainee')}</th>
                <th scope="col">{t('legal.cases.court')}</th>
                <th scope="col">{t('legal.cases.stage')}</th>
                <th scope="col">{t('legal.cases.openedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/legal/cases/${c.id}`}>
                      <span data-value>{c.reference}</span>
                    </Link>
                  </td>
                  <td>
                    <Link to={`/detainees/${c.detaineeId}`}>
                      <span data-value>{c.detaineeNumber}</span>
                    </Link>
                  </td>
                  <td data-value>{c.court}</td>
                  <td>{l.stage(c.stage)}</td>
                  <td>{f.date(c.openedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ page: p })}
          />
        </>
      )}
    </section>
  );
}
