/**
 * Logs a cell, person or area search with what it seized (POST /api/searches); a refused field is
 * marked where it was typed, and after a save the device and number links it revealed are shown.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { CellChooser } from '../components/cell-chooser';
import { siteName } from '../components/site-name';
import { useErrorMessage } from '../components/states';
import {
  incidentsApi,
  ITEM_TYPES,
  type NewSeizedItem,
  SEARCH_KINDS,
  type Search,
  type SeizureLink,
} from '../incidents-api';
import { Link } from '../router';
import { useApi } from '../use-api';

interface ItemDraft {
  key: number;
  type: string;
  description: string;
  imei: string;
  imsi: string;
  phoneNumber: string;
  holder: string;
  from: string;
}
const IDENTIFIERS = ['imei', 'imsi', 'phoneNumber'] as const;

const blankItem = (key: number): ItemDraft => ({
  key,
  type: 'phone',
  description: '',
  imei: '',
  imsi: '',
  phoneNumber: '',
  holder: '',
  from: '',
});

/** A link's two detainees by number and name, for the suggestions shown after a save. */
interface Suggestion extends SeizureLink {
  names: Record<string, string>;
}

/**
 * @example <SearchForm onSaved={() => list.reload()} />
 */
export function SearchForm({ onSaved }: { onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const sites = useApi(() => api.sites(), []);
  const [open, setOpen] = useState(false);
  const [siteId, setSiteId] = useState('');
  const [kind, setKind] = useState<string>('cell');
  const [cellIds, setCellIds] = useState<string[]>([]);
  const [items, setItems] = useState<ItemDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<{ search: Search; links: Suggestion[] } | null>(null);
  const site = siteId || sites.data?.[0]?.id || '';
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          {t('incidents.searchForm.open')}
        </button>
        {saved && <SavedSearch saved={saved} />}
      </div>
    );

  const invalid = (field: string) => error?.field === field;
  const fieldError = (field: string, id: string) =>
    invalid(field) ? (
      <p className="form-error" id={`${id}-error`}>
        {error!.message}
      </p>
    ) : null;
  const described = (field: string, id: string) =>
    invalid(field) ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
  const setItem = (key: number, patch: Partial<ItemDraft>) =>
    setItems((all) => all.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  /** A detainee typed by number, looked up in the site; null when there is no such detainee. */
  const findDetainee = async (number: string): Promise<string | null> => {
    const page = await api.detainees({ q: number.trim(), siteId: site, pageSize: 20 });
    const hit = page.items.find((d) => d.number.toLowerCase() === number.trim().toLowerCase());
    return hit?.id ?? null;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      let detaineeId: string | null = null;
      if (kind === 'person') {
        detaineeId = await findDetainee(String(data.get('detainee') ?? ''));
        if (!detaineeId)
          return setError({ field: 'detaineeId', message: t('incidents.searchForm.noSuchDetainee') });
      }
      const body: NewSeizedItem[] = [];
      for (const [n, it] of items.entries()) {
        let from = detaineeId ? [detaineeId] : [];
        if (it.from.trim()) {
          const id = await findDetainee(it.from);
          if (!id)
            return setError({
              field: `items[${n}].detaineeIds`,
              message: t('incidents.searchForm.noSuchDetainee'),
            });
          from = [id];
        }
        body.push({
          type: it.type,
          description: it.description,
          imei: it.imei.trim() || null,
          imsi: it.imsi.trim() || null,
          phoneNumber: it.phoneNumber.trim() || null,
          holder: it.holder,
          detaineeIds: from,
        });
      }
      const searchedAt = String(data.get('searchedAt') ?? '');
      const search = await incidentsApi.createSearch({
        siteId: site,
        kind,
        cellId: kind === 'cell' ? (cellIds[0] ?? null) : null,
        detaineeId,
        area: kind === 'area' ? String(data.get('area') ?? '') : null,
        searchedAt: searchedAt ? new Date(searchedAt).toISOString() : '',
        searchedBy: String(data.get('searchedBy') ?? ''),
        note: String(data.get('note') ?? '') || null,
        items: body,
      });
      const itemIds = new Set(search.items.map((i) => i.id));
      const all = await incidentsApi.seizureLinks({ siteId: site });
      const mine = all.filter((l) => l.evidence.some((e) => e.itemIds.some((id) => itemIds.has(id))));
      const people = [...new Set(mine.flatMap((l) => [l.detaineeA, l.detaineeB]))];
      const names: Record<string, string> = {};
      for (const id of people) {
        const d = await api.detainee(id).catch(() => null);
        names[id] = d ? `${d.number} ${d.displayName}` : t('incidents.searches.detainee');
      }
      setSaved({ search, links: mine.map((l) => ({ ...l, names })) });
      setItems([]);
      setCellIds([]);
      setOpen(false);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError)
        setError({ field: err.status === 400 ? (err.body.field ?? null) : null, message: errorMessage(err) });
      else setError({ field: null, message: t('common.errors.server') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="panel form-grid"
      onSubmit={(e) => void submit(e)}
      aria-label={t('incidents.searchForm.title')}
    >
      <h2 className="field-wide">{t('incidents.searchForm.title')}</h2>
      {error && (
        <p className="form-error field-wide" role="alert">
          {error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="search-site">{t('incidents.site')}</label>
        <select
          id="search-site"
          value={site}
          onChange={(e) => {
            setSiteId(e.target.value);
            setCellIds([]);
          }}
          {...described('siteId', 'search-site')}
        >
          {(sites.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.code} — {siteName(s, i18n.language)}
            </option>
          ))}
        </select>
        {fieldError('siteId', 'search-site')}
      </div>
      <div className="field">
        <label htmlFor="search-kind">{t('incidents.searches.kind')}</label>
        <select id="search-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {SEARCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`incidents.searches.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'cell' && site && (
        <>
          <CellChooser
            key={site}
            siteId={site}
            idPrefix="search"
            selected={cellIds}
            onChange={setCellIds}
            invalid={invalid('cellId')}
          />
          {fieldError('cellId', 'search-cell')}
        </>
      )}
      {kind === 'person' && (
        <div className="field">
          <label htmlFor="search-detainee">{t('incidents.searchForm.detainee')}</label>
          <input
            id="search-detainee"
            name="detainee"
            required
            {...described('detaineeId', 'search-detainee')}
          />
          {fieldError('detaineeId', 'search-detainee')}
        </div>
      )}
      {kind === 'area' && (
        <div className="field">
          <label htmlFor="search-area">{t('incidents.searchForm.area')}</label>
          <input
            id="search-area"
            name="area"
            required
            maxLength={300}
            {...described('area', 'search-area')}
          />
          {fieldError('area', 'search-area')}
        </div>
      )}
      <div className="field">
        <label htmlFor="search-time">{t('incidents.searches.when')}</label>
        <input
          id="search-time"
          name="searchedAt"
          type="datetime-local"
          required
          {...described('searchedAt', 'search-time')}
        />
        {fieldError('searchedAt', 'search-time')}
      </div>
      <div className="field">
        <label htmlFor="search-by">{t('incidents.searchForm.searchedBy')}</label>
        <input
          id="search-by"
          name="searchedBy"
          required
          maxLength={300}
          {...described('searchedBy', 'search-by')}
        />
        {fieldError('searchedBy', 'search-by')}
      </div>
      <div className="field field-wide">
        <label htmlFor="search-note">{t('incidents.note')}</label>
        <input id="search-note" name="note" maxLength={2000} />
      </div>
      {items.map((it, n) => {
        const id = (f: string) => `item-${n}-${f}`;
        const path = (f: string) => `items[${n}].${f}`;
        return (
          <fieldset key={it.key} className="field-wide form-grid">
            <legend>{t('incidents.searchForm.item', { n: n + 1 })}</legend>
            <div className="field">
              <label htmlFor={id('type')}>{t('incidents.searchForm.itemType')}</label>
              <select
                id={id('type')}
                value={it.type}
                onChange={(e) => setItem(it.key, { type: e.target.value })}
              >
                {ITEM_TYPES.map((k) => (
                  <option key={k} value={k}>
                    {t(`incidents.searches.itemTypes.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id('description')}>{t('incidents.searchForm.description')}</label>
              <input
                id={id('description')}
                required
                maxLength={1000}
                value={it.description}
                onChange={(e) => setItem(it.key, { description: e.target.value })}
                {...described(path('description'), id('description'))}
              />
              {fieldError(path('description'), id('description'))}
            </div>
            {IDENTIFIERS.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t(`incidents.searches.identifiers.${f}`)}</label>
                <input
                  id={id(f)}
                  maxLength={40}
                  value={it[f]}
                  dir="ltr"
                  onChange={(e) => setItem(it.key, { [f]: e.target.value })}
                  {...described(path(f), id(f))}
                />
                {fieldError(path(f), id(f))}
              </div>
            ))}
            <div className="field">
              <label htmlFor={id('from')}>{t('incidents.searchForm.seizedFrom')}</label>
              <input
                id={id('from')}
                value={it.from}
                onChange={(e) => setItem(it.key, { from: e.target.value })}
                {...described(path('detaineeIds'), id('from'))}
              />
              {fieldError(path('detaineeIds'), id('from'))}
            </div>
            <div className="field">
              <label htmlFor={id('holder')}>{t('incidents.searchForm.holder')}</label>
              <input
                id={id('holder')}
                required
                maxLength={200}
                value={it.holder}
                onChange={(e) => setItem(it.key, { holder: e.target.value })}
                {...described(path('holder'), id('holder'))}
              />
              {fieldError(path('holder'), id('holder'))}
            </div>
            <div className="actions">
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setItems((all) => all.filter((x) => x.key !== it.key))}
              >
                {t('incidents.searchForm.removeItem', { n: n + 1 })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="actions field-wide">
        <button
          type="button"
          className="button"
          onClick={() => setItems((all) => [...all, blankItem((all.at(-1)?.key ?? 0) + 1)])}
        >
          {t('incidents.searchForm.addItem')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('incidents.searchForm.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          {t('incidents.cancel')}
        </button>
      </div>
    </form>
  );
}

function SavedSearch({ saved }: { saved: { search: Search; links: Suggestion[] } }) {
  const { t } = useTranslation();
  return (
    <div className="panel" role="status">
      <p>{t('incidents.searchForm.saved', { count: saved.search.items.length })}</p>
      <h3>{t('incidents.searchForm.suggested')}</h3>
      {saved.links.length === 0 ? (
        <p className="muted">{t('incidents.searchForm.noSuggested')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('incidents.searchForm.suggested')}>
          {saved.links.map((l) => (
            <li key={`${l.detaineeA}-${l.detaineeB}`}>
              <Link to={`/detainees/${l.detaineeA}`}>{l.names[l.detaineeA]}</Link> ↔{' '}
              <Link to={`/detainees/${l.detaineeB}`}>{l.names[l.detaineeB]}</Link> —{' '}
              {t(`incidents.searches.linkKinds.${l.kind}`)}:{' '}
              {l.evidence
                .map((e) => `${t(`incidents.searches.identifiers.${e.identifier}`)} ${e.value}`)
                .join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
