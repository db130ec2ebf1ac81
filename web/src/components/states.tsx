/** Loading, error and empty states shared by every page; errors are announced (role="alert"). */
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

/** The translated message for an API error (server messages are English, so only the kind is shown). */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: ApiError): string => {
    if (error.status === 0) return t('common.errors.network');
    if (error.status === 401) return t('common.errors.unauthorized');
    if (error.status === 403) return t('common.errors.forbidden');
    if (error.status === 404) return t('common.errors.notFound');
    if (error.status === 400)
      return error.body.field
        ? t('common.errors.invalidField', { field: error.body.field })
        : t('common.errors.invalid');
    if (error.status === 409) return t('common.errors.conflict');
    if (error.status === 423) return t('common.errors.locked');
    if (error.status === 429) return t('common.errors.tooMany');
    return t('common.errors.server');
  };
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div className="state state-error" role="alert">
      <p>{message(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: string }) {
  const { t } = useTranslation();
  return <p className="state state-empty">{children ?? t('common.empty')}</p>;
}
