/**
 * A detainee's record: names in both scripts, category, status, where held, arrest and
 * admission, the legal basis history; then the sections capabilities contribute
 * (detainee-sections/registry.tsx). Opening this page is itself audited by the server.
 */
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Detainee } from '../api';
import { ErrorBoundary } from '../components/error-boundary';
import { StatusBadge } from '../components/status-badge';
import { ErrorState, Loading } from '../components/states';
import { sectionsFor } from '../detainee-sections/registry';
import { useFormat } from '../i18n/format';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function DetaineePage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const { params } = useRoute();
  const { data: d, error, loading, reload } = useApi(() => api.detainee(params.id), [params.id]);

  if (loading) return <Loading />;
  if (error || !d)
    return (
      <section className="page">
        <p>
          <Link to="/detainees">{t('detainee.back')}</Link>
        </p>
        <h1>{t('detainee.title')}</h1>
        {error && <ErrorState error={error} onRetry={reload} />}
      </section>
    );

  if (d.mergedInto) return <MergedRecord detainee={d} />;

  const arabic = d.names.find((n) => n.script === 'arabic' && n.kind === 'legal')?.name ?? d.nameAr;
  const sections = sectionsFor(can);
  const arabicFirst = i18n.language === 'ar' && !!arabic;

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/detainees">{t('detainee.back')}</Link>
      </p>
      <header className="page-header detainee-header">
        <div>
          {/* The name in the page's script leads; the other script follows. */}
          <h1 id="page-title">
            <bdi lang={arabicFirst ? 'ar' : 'en'} dir={arabicFirst ? 'rtl' : 'ltr'} data-value>
              {arabicFirst ? arabic : d.displayName}
            </bdi>
          </h1>
          {arabic && (
            <p className="name-ar-large">
              <bdi lang={arabicFirst ? 'en' : 'ar'} dir={arabicFirst ? 'ltr' : 'rtl'} data-value>
                {arabicFirst ? d.displayName : arabic}
              </bdi>
            </p>
          )}
          <p className="muted">
            {t('detainee.number')}{' '}
            <span className="code" data-value>
              {d.number}
            </span>
          </p>
          {!!d.mergedFrom?.length && (
            <p className="muted" data-testid="merged-from">
              {t('detainee.mergedFrom')}{' '}
              {d.mergedFrom.map((m, i) => (
                <span key={m.id}>
                  {i > 0 && ', '}
                  <Link to={`/detainees/${encodeURIComponent(m.id)}`} className="code">
                    {m.number}
                  </Link>
                </span>
              ))}
            </p>
          )}
        </div>
        <div className="header-actions">
          <StatusBadge status={d.status} />
          {can('audit.read') && (
            <Link className="button" to={`/audit?subjectType=detainee&subjectId=${encodeURIComponent(d.id)}`}>
              {t('detainee.whoViewed')}
            </Link>
          )}
        </div>
      </header>

      <div className="grid-2">
        <div className="panel">
          <h2>{t('detainee.identity')}</h2>
          <dl className="facts">
            <dt>{t('detainee.sex')}</dt>
            <dd>{t(`common.sex.${d.sex}`)}</dd>
            <dt>{t('detainee.dob')}</dt>
            <dd>{f.date(d.dob)}</dd>
            <dt>{t('detainee.nationalities')}</dt>
            <dd>{d.nationalities.length ? f.list(d.nationalities.map((n) => f.country(n))) : '—'}</dd>
            <dt>{t('detainee.category')}</dt>
            <dd>
              {t(`common.legalStatus.${d.legalStatus}`)} · {t(`common.ageCategory.${d.ageCategory}`)}
            </dd>
          </dl>
        </div>
        <div className="panel">
          <h2>{t('detainee.custody')}</h2>
          <dl className="facts">
            <dt>{t('detainee.site')}</dt>
            <dd className="code">{d.siteCode}</dd>
            <dt>{t('detainee.cell')}</dt>
            <dd className="code">
              {d.cellCode
                ? `${d.wingCode ?? ''}${d.wingCode ? ' / ' : ''}${d.cellCode}`
                : t('detainee.noCell')}
            </dd>
            <dt>{t('detainee.arrested')}</dt>
            <dd>
              {f.dateTime(d.arrestedAt)}
              {d.arrestPlace && (
                <>
                  {' · '}
                  <span data-value>{d.arrestPlace}</span>
                </>
              )}
            </dd>
            <dt>{t('detainee.admitted')}</dt>
            <dd>{f.dateTime(d.admittedAt)}</dd>
          </dl>
        </div>
      </div>

      <div className="panel">
        <h2>{t('detainee.names')}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('detainee.name')}</th>
                <th scope="col">{t('detainee.script')}</th>
                <th scope="col">{t('detainee.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {d.names.map((n, i) => (
                <tr key={i}>
                  <td className={n.script === 'arabic' ? 'name-ar-cell' : undefined}>
                    <bdi
                      lang={n.script === 'arabic' ? 'ar' : 'en'}
                      dir={n.script === 'arabic' ? 'rtl' : 'ltr'}
                    >
                      {n.name}
                    </bdi>
                  </td>
                  <td>{t(`detainee.scripts.${n.script}`)}</td>
                  <td>{t(`detainee.nameKinds.${n.kind}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <h2>{t('detainee.legalBases')}</h2>
        {d.legalBases.length === 0 ? (
          <p className="muted">{t('detainee.noLegalBasis')}</p>
        ) : (
          <ol className="timeline">
            {[...d.legalBases].reverse().map((b) => (
              <li key={b.id} className={b.to ? 'ended' : 'current'}>
                <p className="timeline-title">
                  <span data-value>{b.basis}</span>
                  {!b.to && <span className="badge badge-in_custody">{t('detainee.current')}</span>}
                </p>
                <p className="muted">
                  {t('detainee.authority')}: <span data-value>{b.authority}</span>
                </p>
                <p className="muted">
                  {t('detainee.period', {
                    from: f.date(b.from),
                    to: b.to ? f.date(b.to) : t('detainee.open'),
                  })}
                </p>
                {b.note && <p data-value>{b.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>

      {sections.map((section) => {
        const Section = section.component;
        return (
          <section key={section.id} className="panel" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>{t(section.titleKey)}</h2>
            <ErrorBoundary resetKey={d.id}>
              <Suspense fallback={<Loading />}>
                <Section detainee={d} />
              </Suspense>
            </ErrorBoundary>
          </section>
        );
      })}
    </section>
  );
}

/**
 * A record merged into another is history, not a person: the page says where the person's record
 * is now and links to it, and shows none of the live sections (their records moved with the merge).
 */
function MergedRecord({ detainee: d }: { detainee: Detainee }) {
  const { t } = useTranslation();
  const f = useFormat();
  const survivor = d.mergedIntoNumber ?? d.mergedInto ?? '';
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/detainees">{t('detainee.back')}</Link>
      </p>
      <header className="page-header detainee-header">
        <div>
          <h1 id="page-title">
            <bdi lang="en" dir="ltr" data-value>
              {d.displayName}
            </bdi>
          </h1>
          <p className="muted">
            {t('detainee.number')}{' '}
            <span className="code" data-value>
              {d.number}
            </span>
          </p>
        </div>
        <div className="header-actions">
          <StatusBadge status={d.status} />
        </div>
      </header>
      <div className="state state-error" role="status" data-testid="merged-notice">
        <p>{t('detainee.merged.notice', { number: survivor })}</p>
        <Link className="button button-primary" to={`/detainees/${encodeURIComponent(d.mergedInto!)}`}>
          {t('detainee.merged.open', { number: survivor })}
        </Link>
      </div>
      <div className="panel">
        <h2>{t('detainee.identity')}</h2>
        <p className="muted">{t('detainee.merged.history')}</p>
        <dl className="facts">
          <dt>{t('detainee.sex')}</dt>
          <dd>{t(`common.sex.${d.sex}`)}</dd>
          <dt>{t('detainee.dob')}</dt>
          <dd>{f.date(d.dob)}</dd>
          <dt>{t('detainee.site')}</dt>
          <dd className="code">{d.siteCode}</dd>
        </dl>
      </div>
    </section>
  );
}
