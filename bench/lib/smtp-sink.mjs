// A counting SMTP server in its own process (as a real mail server would be: not on the event loop of
// the benchmark). A mail counts once the server has all of it (the final "."), as a real server would
// accept it; a message cut off by a killed sender is discarded. Per recipient it keeps the Message-IDs
// received, and answers `{ mails, recipients, duplicates, sameMessageId, differentMessageId }` over IPC:
// a recipient who got the same Message-ID twice got one outbox mail sent again (a retry after a kill);
// two different Message-IDs would mean the mail was queued twice.
import { SMTPServer } from 'smtp-server';

/** Only recipients whose address starts with this count (argv[3]; e.g. the seeded subscribers, not mails of earlier scenarios). */
const only = process.argv[3] ?? '';
/** Recipient → Message-IDs received, in order. */
const perRecipient = new Map();
let mails = 0;

function messageIdOf(head) {
  const m = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head);
  return m ? m[1] : '(none)';
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    // The headers come first; 8 KiB holds them.
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 8192) head += chunk.toString('latin1', 0, Math.min(chunk.length, 8192 - head.length));
    });
    // A sender killed mid-message: smtp-server destroys the stream; nothing is counted.
    stream.on('error', () => undefined);
    stream.on('end', () => {
      const id = messageIdOf(head);
      const counted = session.envelope.rcptTo.filter((rcpt) => rcpt.address.toLowerCase().startsWith(only));
      if (!counted.length) return callback();
      for (const rcpt of counted) {
        const to = rcpt.address.toLowerCase();
        const ids = perRecipient.get(to);
        if (ids) ids.push(id);
        else perRecipient.set(to, [id]);
      }
      mails++;
      callback();
    });
  },
});
// A sender killed mid-message resets its connection: that is part of the test, not a failure.
server.on('error', () => undefined);
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', () => {
  let duplicates = 0;
  let sameMessageId = 0;
  let differentMessageId = 0;
  for (const ids of perRecipient.values()) {
    if (ids.length < 2) continue;
    duplicates += ids.length - 1;
    const distinct = new Set(ids).size;
    sameMessageId += ids.length - distinct;
    differentMessageId += distinct - 1;
  }
  process.send({ mails, recipients: perRecipient.size, duplicates, sameMessageId, differentMessageId });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
