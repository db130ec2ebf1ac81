/**
 * The outline of the estate's region for the threat map: a FICTIONAL province ("Qaryat
 * al-Nahrayn"), simplified to a few dozen points, with its river and towns. It ships with the app
 * because the machines have no internet and there is no tile server. Coordinates are WGS84
 * [lon, lat], placed in an empty stretch of the map so that nothing real is implied.
 */
export const FICTIONAL_REGION = {
  type: 'FeatureCollection',
  name: 'Fictional region of Qaryat al-Nahrayn',
  bbox: [40.0, 34.0, 43.0, 36.5],
  features: [
    {
      type: 'Feature',
      properties: {
        kind: 'boundary',
        name: 'Qaryat al-Nahrayn (fictional)',
        nameAr: 'قرية النهرين (خيالية)',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [40.2, 34.3],
            [40.9, 34.1],
            [41.6, 34.2],
            [42.2, 34.05],
            [42.8, 34.4],
            [42.9, 35.0],
            [42.7, 35.6],
            [42.85, 36.1],
            [42.3, 36.4],
            [41.7, 36.3],
            [41.1, 36.45],
            [40.5, 36.2],
            [40.1, 35.7],
            [40.25, 35.1],
            [40.05, 34.7],
            [40.2, 34.3],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { kind: 'river', name: 'Nahr al-Khayal (fictional)', nameAr: 'نهر الخيال' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [40.3, 36.1],
          [40.8, 35.8],
          [41.2, 35.5],
          [41.5, 35.1],
          [41.9, 34.8],
          [42.3, 34.5],
          [42.7, 34.3],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { kind: 'town', name: 'Madinat Sarab', nameAr: 'مدينة سراب' },
      geometry: { type: 'Point', coordinates: [41.3, 35.45] },
    },
    {
      type: 'Feature',
      properties: { kind: 'town', name: 'Tall Wahm', nameAr: 'تل وهم' },
      geometry: { type: 'Point', coordinates: [42.4, 35.9] },
    },
    {
      type: 'Feature',
      properties: { kind: 'town', name: 'Bir Khayali', nameAr: 'بئر خيالي' },
      geometry: { type: 'Point', coordinates: [40.7, 34.6] },
    },
  ],
} as const;
