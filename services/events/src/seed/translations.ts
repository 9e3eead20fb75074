import { In, type DataSource } from 'typeorm';
import { Event } from '../event/event.entity';
import { eventTranslations } from '../event/event.texts';
import { ProgrammeItem } from '../programme/programme.entity';
import { programmeItemTranslations } from '../programme/programme.translation';

// Demo translations for reviewers (docs/languages.md): unchecked demo texts, stored with
// `updated_by` = `demo`, not the work of the network's translators.

/** Demo translations of events, by German title and language. */
export const DEMO_EVENT_TRANSLATIONS: Record<string, Record<string, { title: string; description?: string }>> = {
  'Online-Info: Anerkennung ausländischer Berufsabschlüsse': {
    en: {
      title: 'Online info session: recognition of foreign professional qualifications',
      description: 'A short talk and an open round of questions for professionals and anyone interested.',
    },
    ar: {
      title: 'جلسة معلومات عبر الإنترنت: الاعتراف بالمؤهلات المهنية الأجنبية',
      description: 'محاضرة قصيرة وجولة أسئلة مفتوحة للمختصين وكل المهتمين.',
    },
    uk: {
      title: 'Онлайн-інформація: визнання іноземних професійних кваліфікацій',
      description: 'Коротка доповідь і відкрите коло запитань для фахівців і всіх зацікавлених.',
    },
  },
  'Geschlechtergleichstellung im gesellschaftlichen Wandel – Projektionen | Praxisfragen | Perspektiven': {
    en: { title: 'Gender equality in a changing society – projections | practical questions | perspectives' },
  },
};

/** Demo translations of programme item titles (the 2019 Fachtag), by German title and language. */
export const DEMO_PROGRAMME_TRANSLATIONS: Record<string, Record<string, string>> = {
  Begrüßung: { en: 'Welcome', ar: 'الترحيب' },
  'Keynote: Geschlechtergleichstellung im gesellschaftlichen Wandel': { en: 'Keynote: gender equality in a changing society' },
  Mittagspause: { en: 'Lunch break', ar: 'استراحة الغداء' },
  Kaffeepause: { en: 'Coffee break', ar: 'استراحة القهوة' },
};

/** Seeds the demo translations once (when no event has a translation yet). */
export async function seedDemoTranslations(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${eventTranslations.table}`);
  if (n > 0) return 0;
  let count = 0;
  await ds.transaction(async (tx) => {
    for (const e of await tx.getRepository(Event).findBy({ title: In(Object.keys(DEMO_EVENT_TRANSLATIONS)) })) {
      for (const [language, texts] of Object.entries(DEMO_EVENT_TRANSLATIONS[e.title])) {
        await eventTranslations.save(tx, e, language, texts, 'demo');
        count++;
      }
    }
    for (const item of await tx.getRepository(ProgrammeItem).findBy({ title: In(Object.keys(DEMO_PROGRAMME_TRANSLATIONS)) })) {
      for (const [language, title] of Object.entries(DEMO_PROGRAMME_TRANSLATIONS[item.title])) {
        await programmeItemTranslations.save(tx, item, language, { title }, 'demo');
        count++;
      }
    }
  });
  return count;
}
