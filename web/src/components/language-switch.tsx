/** Switches between English and Arabic; each language is named in itself (and marked with `lang`). */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { Icon } from './icons';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const other = i18n.language === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      onClick={() => setLanguage(other)}
      aria-label={t('common.language.switchTo')}
    >
      <Icon name="globe" />
      <span lang={other}>{other === 'ar' ? 'العربية' : 'English'}</span>
    </button>
  );
}
