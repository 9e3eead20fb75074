import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A mail the outbox wrote as an `.eml` file (what `npm start` does without SMTP_URL), parsed. */
export interface FiledMail extends ParsedMail {
  file: string;
}

/** Every `.eml` file in `dir`, parsed, oldest first (file names start with the time of sending). */
export async function mailsIn(dir: string): Promise<FiledMail[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (file) => Object.assign(await simpleParser(await readFile(path.join(dir, file))), { file })));
}

/** Waits until a mail in `dir` matches (by recipient and subject), and returns it. */
export async function waitForMail(dir: string, match: { to: string; subject: RegExp }, timeoutMs = 30_000): Promise<FiledMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsIn(dir)).find((m) => m.subject && match.subject.test(m.subject) && recipients(m).includes(match.to.toLowerCase()));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${match.to} with a subject like ${match.subject} in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The lower-case addresses a mail went to. */
export function recipients(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** Every http(s) link of a mail: in its text, its HTML (`href`), its headers (List-Unsubscribe) and calendar attachments (URL). */
export function linksOf(m: ParsedMail): string[] {
  const found = new Set<string>();
  const add = (text: string | undefined | false) => {
    for (const url of (text || '').match(/https?:\/\/[^\s"'<>)\]\\]+/g) ?? []) found.add(url.replace(/&amp;/g, '&').replace(/[.,;]+$/, ''));
  };
  add(m.text);
  add(typeof m.html === 'string' ? m.html : '');
  const unsubscribe = m.headers.get('list-unsubscribe');
  add(typeof unsubscribe === 'string' ? unsubscribe : JSON.stringify(unsubscribe ?? ''));
  for (const a of m.attachments) if (/calendar/.test(a.contentType)) add(a.content.toString('utf8').replace(/\r?\n[ \t]/g, ''));
  return [...found];
}
