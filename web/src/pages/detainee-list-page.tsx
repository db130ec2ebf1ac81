/** The register: search by name or number, filter by site, nationality and status, page through. */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, DETAINEE_STATUSES } from '../api';
import { Pager } from '../components/pager';
import { siteName } from '../components/site-name';
import { StatusBadge } from '../components/status-badge';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const PAGE_SIZE = 25;

export default function DetaineeListPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { query, setQuery } = useRoute();
  const page = Math.max(1, Number(query.page) || 1);
  const [q, setQ] = useState(query.q ?? '');
  useEffect(() => setQ(query.q ?? ''), [query.q]);

  const sites = useApi(() => api.sites(), []);
  const list = useApi(
    () =>
      api.detainees({
        q: query.q,
        siteId: query.siteId,
        nationality: query.nationality,
        status: query.status,
        merged: query.merged,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.q, query.siteId, query.nationality, query.status, query.merged, page],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ q: q.trim(), page: null });
  };
  const siteById = new Map((sites.data ?? []).map((s) => [s.id, s]));

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('detainees.title')}</h1>
      </header>

      <form className="filters panel" role="search" onSubmit={search} aria-label={t('detainees.filters')}>
        <div className="field field-grow">
          <label htmlFor="q">{t('detainees.search')}</label>
          <div className="input-with-button">
            <input
              id="q"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t('detainees.searchPlaceholder')}
            />
            <button type="submit" className="button button-primary">
              {t('detainees.searchButton')}
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="site">{t('detainees.site')}</label>
          <select
            id="site"
            value={query.siteId ?? ''}
            onChange={(e) => setQuery({ siteId: e.target.value, page: null })}
          >
            <option value="">{t('detainees.allSites')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {siteName(s, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nationality">{t('detainees.nationality')}</label>
          <input
            id="nationality"
            className="input-short"
            value={query.nationality ?? ''}
            maxLength={2}
            pattern="[A-Za-z]{2}"
            dir="ltr"
            aria-describedby="nationality-hint"
            onChange={(e) => {
              const v = e.target.value.toUpperCase();
              if (v.length === 0 || v.length === 2) setQuery({ nationality: v, page: null });
              else e.target.value = v;
            }}
          />
          <small id="nationality-hint" className="hint">
            {t('detainees.nationalityHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor="status">{t('detainees.status')}</label>
          <select
            id="status"
            value={query.status ?? ''}
            onChange={(e) => setQuery({ status: e.target.value, page: null })}
          >
            <option value="">{t('detainees.allStatuses')}</option>
            {DETAINEE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`common.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {/* Records merged into another are history; reviewers of duplicates may still look them up. */}
        {can('identity.read') && (
          <div className="field">
            <label className="check">
              <input
                type="checkbox"
                checked={query.merged === 'include'}
                onChange={(e) => setQuery({ merged: e.target.checked ? 'include' : null, page: null })}
              />
              {t('detainees.includeMerged')}
            </label>
          </div>
        )}
      </form>

      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('detainees.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <div className="panel">
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('detainees.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('detainees.number')}</th>
                  <th scope="col">{t('detainees.name')}</th>
                  <th scope="col">{t('detainees.nationality')}</th>
                  <th scope="col">{t('detainees.category')}</th>
                  <th scope="col">{t('detainees.status')}</th>
                  <th scope="col">{t('detainees.location')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((d) => {
                  const site = siteById.get(d.siteId);
                  return (
                    <tr key={d.id}>
                      <td className="code">{d.number}</td>
                      <td>
                        <Link to={`/detainees/${encodeURIComponent(d.id)}`} className="name-link">
                          <span lang="en" dir="ltr">
                            {d.displayName}
                          </span>
                        </Link>
                        {d.nameAr && (
                          <span className="name-ar">
                            <bdi lang="ar" dir="rtl">
                              {d.nameAr}
                            </bdi>
                          </span>
                        )}
                      </td>
                      <td>{f.list(d.nationalities.map((n) => f.country(n)))}</td>
                      <td>
                        {t(`common.legalStatus.${d.legalStatus}`)} ·{' '}
                        {t(`common.ageCategory.${d.ageCategory}`)} · {t(`common.sex.${d.sex}`)}
                      </td>
                      <td>
                        <StatusBadge status={d.status} />
                        {d.mergedInto && (
                          <Link to={`/detainees/${encodeURIComponent(d.mergedInto)}`} className="small">
                            {' '}
                            {t('detainees.toSurvivor')}
                          </Link>
                        )}
                      </td>
                      <td>
                        <span title={site ? siteName(site, i18n.language) : undefined}>{d.siteCode}</span>
                        {d.cellCode && <span className="muted"> · {d.cellCode}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ page: p })}
          />
        </div>
      )}
    </section>
  );
}
