// A counting SMTP server in its own process (as a real mail server would be: not on the event loop of
// the benchmark): counts mails per recipient and answers `{ mails, recipients, duplicates }` over IPC.
import { SMTPServer } from 'smtp-server';

const perRecipient = new Map();
let mails = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      for (const rcpt of session.envelope.rcptTo) {
        const to = rcpt.address.toLowerCase();
        perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
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
  for (const n of perRecipient.values()) if (n > 1) duplicates += n - 1;
  process.send({ mails, recipients: perRecipient.size, duplicates });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
