/**
 * Chooses cells of one site: a wing first (GET /api/sites/:id), then its cells (GET /api/wings/:id/cells),
 * as a single select or as checkboxes when several cells are wanted (damage to a block).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { housingApi } from '../housing-api';
import { useApi } from '../use-api';

/**
 * @example <CellChooser siteId={site.id} idPrefix="damage" multiple selected={ids} onChange={setIds} />
 */
export function CellChooser({
  siteId,
  idPrefix,
  multiple = false,
  selected,
  onChange,
  invalid = false,
}: {
  siteId: string;
  idPrefix: string;
  multiple?: boolean;
  selected: string[];
  onChange: (cellIds: string[]) => void;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const [wingId, setWingId] = useState('');
  const site = useApi(() => (siteId ? housingApi.site(siteId) : Promise.resolve(null)), [siteId]);
  const cells = useApi(() => (wingId ? housingApi.cells(wingId) : Promise.resolve([])), [wingId]);
  const wings = (site.data?.blockList ?? []).flatMap((b) => b.wings.map((w) => ({ ...w, block: b.code })));
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-wing`}>{t('incidents.cellChooser.wing')}</label>
        <select
          id={`${idPrefix}-wing`}
          value={wingId}
          onChange={(e) => {
            setWingId(e.target.value);
            // Cells of another wing stay chosen: damage may span wings.
            if (!multiple) onChange([]);
          }}
        >
          <option value="">{t('incidents.cellChooser.chooseWing')}</option>
          {wings.map((w) => (
            <option key={w.id} value={w.id}>
              {w.block} / {w.code}
            </option>
          ))}
        </select>
      </div>
      {multiple ? (
        <fieldset className="field field-wide" aria-invalid={invalid || undefined}>
          <legend>{t('incidents.cellChooser.cells')}</legend>
          {wingId && cells.data?.length === 0 && (
            <p className="muted">{t('incidents.cellChooser.noCells')}</p>
          )}
          {(cells.data ?? []).map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(c.id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id))
                }
              />{' '}
              {c.code}
              {c.outOfService && ` (${t('incidents.outOfService')})`}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${idPrefix}-cell`}>{t('incidents.cellChooser.cell')}</label>
          <select
            id={`${idPrefix}-cell`}
            value={selected[0] ?? ''}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}
          >
            <option value="">{t('incidents.cellChooser.chooseCell')}</option>
            {(cells.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.code}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
