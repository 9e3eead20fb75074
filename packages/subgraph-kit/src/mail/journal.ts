import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The outbox worker's send journal: a local file with one line per mail whose final "." has left for
 * the mail server, written synchronously as soon as the operating system holds every byte of it. The
 * database learns that a mail was sent only after the server's answer (a round trip later); a worker
 * killed in between leaves the line here, and whoever replays the journal of a dead worker marks those
 * mails sent instead of letting the claim run out and sending them again. A line is never written
 * for a "." that did not leave, so replaying never marks a mail sent that the server cannot have.
 */
export interface SendJournal {
  /** Records that mail `id` is handed over (the "." follows right away). */
  handedOver(id: string): void;
  /** Records that the server refused mail `id` after all (it will be retried, not counted as sent). */
  refused(id: string): void;
  /** Empties the journal: everything in it has reached the database. */
  clear(): void;
  /** Journals of this service's workers that are no longer running, with the mails handed over and not refused. */
  orphans(): Array<{ file: string; ids: string[] }>;
  /** Removes a replayed orphan journal. */
  remove(file: string): void;
  /** Closes and removes this worker's journal (only when everything reached the database). */
  close(removeFile: boolean): void;
}

/** Whether `e` says the file is gone: another worker on the host replayed and removed it first. */
const isGone = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

let opened = 0;

/**
 * Opens `<dir>/<name>.<owner>-<n>.journal`. `owner` is the process id (workers on one host share the
 * folder and replay the journals of processes that are gone); tests pass another.
 */
export function openSendJournal(dir: string, name: string, owner = process.pid, running: (pid: number) => boolean = isRunning): SendJournal {
  if (!/^[a-z0-9-]+$/i.test(name)) throw new Error(`journal name must be letters, digits and dashes: ${name}`);
  mkdirSync(dir, { recursive: true });
  const own = path.join(dir, `${name}.${owner}-${++opened}.journal`);
  const fd = openSync(own, 'a');
  const pattern = new RegExp(`^${name}\\.(\\d+)-\\d+\\.journal$`);
  return {
    handedOver: (id) => void writeSync(fd, `${id}\n`),
    refused: (id) => void writeSync(fd, `-${id}\n`),
    clear: () => ftruncateSync(fd, 0),
    orphans() {
      const found: Array<{ file: string; ids: string[] }> = [];
      for (const entry of readdirSync(dir)) {
        const m = pattern.exec(entry);
        if (!m || Number(m[1]) === owner || running(Number(m[1]))) continue;
        const file = path.join(dir, entry);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          if (isGone(e)) continue;
          throw e;
        }
        const ids = new Set<string>();
        for (const line of text.split('\n')) {
          if (line.startsWith('-')) ids.delete(line.slice(1));
          else if (line) ids.add(line);
        }
        found.push({ file, ids: [...ids] });
      }
      return found;
    },
    remove(file) {
      // Workers sharing the folder may replay the same orphan at once (marking sent is idempotent).
      try {
        unlinkSync(file);
      } catch (e) {
        if (!isGone(e)) throw e;
      }
    },
    close(removeFile) {
      closeSync(fd);
      if (removeFile) unlinkSync(own);
    },
  };
}
