import { mailEnvShape } from './config';
import { PAGE_PATHS, publicLinks } from './links';
import { z } from 'zod';

test('without a website every link goes to the gateway; with one, pages go to the website and the API keeps its own', () => {
  const env = z.object(mailEnvShape).parse({});
  expect(env.PUBLIC_WEB_URL).toBeUndefined();
  const local = publicLinks(env);
  expect(local.event('fachtag-2027')).toBe('http://localhost:4000/veranstaltungen/fachtag-2027');
  expect(local.registration('t/1')).toBe('http://localhost:4000/anmeldung?token=t%2F1');
  expect(local.newsletterConfirm('abc')).toBe('http://localhost:4000/newsletter/confirm?token=abc');
  expect(local.website).toBe('http://localhost:4000');

  const site = publicLinks(z.object(mailEnvShape).parse({ PUBLIC_WEB_URL: 'https://www.example.org/', PUBLIC_API_URL: 'https://graph.example.org' }));
  expect(site.event('a b')).toBe('https://www.example.org/veranstaltungen/a%20b');
  expect(site.partner('vnb-ev')).toBe('https://www.example.org/partner/vnb-ev');
  expect(site.resource('r1')).toBe('https://www.example.org/ressourcen/r1');
  expect(site.newsletterPreferences('x')).toBe('https://www.example.org/newsletter/preferences?token=x');
  expect(site.imprint).toBe('https://www.example.org/impressum');
  expect(site.oneClickUnsubscribe('x')).toBe('https://graph.example.org/newsletter/unsubscribe/x');
  expect(site.attendeeList('x')).toBe('https://graph.example.org/exports/attendees/x');
});

test('no page path can be taken by an event slug, and every path is distinct', () => {
  const paths = Object.values(PAGE_PATHS);
  expect(new Set(paths).size).toBe(paths.length);
  const fixed = paths.filter((p) => !p.includes(':'));
  for (const p of fixed) expect(p.startsWith('/veranstaltungen/')).toBe(false);
});
