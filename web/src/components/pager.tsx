/** Previous / next paging with "21–40 of 312", for any `Paged<T>` list. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('common.paging.label')}>
      <p className="pager-range" aria-live="polite">
        {t('common.paging.range', { from: f.number(from), to: f.number(to), total: f.number(total) })}
      </p>
      <div className="pager-buttons">
        <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('common.paging.previous')}
        </button>
        <span className="pager-page">
          {t('common.paging.page', { page: f.number(page), last: f.number(last) })}
        </span>
        <button type="button" className="button" disabled={page >= last} onClick={() => onPage(page + 1)}>
          {t('common.paging.next')}
        </button>
      </div>
    </nav>
  );
}
