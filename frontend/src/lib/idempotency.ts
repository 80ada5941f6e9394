import { newIdempotencyKey } from "../api/client";

/**
 * Keeps one Idempotency-Key per submission: retrying the very same body reuses
 * the key (so a lost response cannot create a duplicate), any change of the
 * body or a success starts a new one.
 */
export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;
  constructor(private readonly generate: () => string = newIdempotencyKey) {}

  keyFor(body: unknown): string {
    const serialized = JSON.stringify(body);
    if (this.last && this.last.body === serialized) return this.last.key;
    this.last = { body: serialized, key: this.generate() };
    return this.last.key;
  }

  /** Call after a completed submission so the next one gets a fresh key. */
  reset(): void {
    this.last = null;
  }
}
