/**
 * Runs tasks with the same key one after another inside this process, in arrival order.
 *
 * Correctness does not depend on it: the row lock on the event in PostgreSQL serialises all
 * instances. It keeps a burst of registrations for one event from taking every pooled database
 * connection just to wait for that lock (requests would then time out waiting for a connection,
 * and every other request of the instance would starve): per instance and event, one transaction
 * waits at the lock, the others wait here, holding nothing.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
