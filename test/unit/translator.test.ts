/** translator(): one instance per language, texts remembered by key and parameters, never mixed up. */
import { describe, expect, it } from 'vitest';
import { createI18n, translator } from '../../shared/i18n';

describe('translator', () => {
  it('is one per language and answers exactly what i18next answers, parameters included, however often asked', () => {
    expect(translator('tr')).toBe(translator('tr'));
    expect(translator('en')).not.toBe(translator('tr'));
    for (const language of ['tr', 'en'] as const) {
      const t = translator(language);
      const plain = createI18n(language).t;
      for (let round = 0; round < 3; round += 1) {
        expect(t('documents.notStated')).toBe(plain('documents.notStated'));
        for (const name of ['Çağla', 'Ümit', 'Çağla']) {
          expect(t('documents.court.recordedBy', { name })).toBe(plain('documents.court.recordedBy', { name }));
          expect(t('documents.court.recordedBy', { name })).toContain(name);
        }
      }
      // Not the same text for another key or other parameters.
      expect(t('documents.court.recordedBy', { name: 'A' })).not.toBe(t('documents.court.recordedBy', { name: 'B' }));
      expect(t('documents.notStated')).not.toBe(t('documents.noRecords'));
    }
    expect(translator('tr')('documents.notStated')).toBe('Belirtilmemiş');
    expect(translator('en')('documents.notStated')).toBe('Not stated');
  });
});
