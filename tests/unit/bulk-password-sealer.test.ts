// The one-time passwords of a bulk add are kept encrypted (AES-256-GCM, key from
// AUTH_SECRET) until downloaded: they round-trip, and any change is detected.
import { describe, expect, it } from 'vitest';
import { bulkPasswordContext, passwordSealer } from '@/server/imports/password-sealer';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const sealer = passwordSealer(SECRET);
const context = bulkPasswordContext('8c0e2a9e-3c53-4f7c-9f59-4ad54f3b3d10', 7);

describe('password sealer', () => {
  it('round-trips, with a fresh nonce each time', () => {
    const a = sealer.seal('Kq7#mZp2Xv9!tRw4', context);
    const b = sealer.seal('Kq7#mZp2Xv9!tRw4', context);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toContain('Kq7');
    expect(sealer.open(a, context)).toBe('Kq7#mZp2Xv9!tRw4');
    expect(sealer.open(b, context)).toBe('Kq7#mZp2Xv9!tRw4');
  });

  it('detects any altered byte of the ciphertext, the nonce or the tag', () => {
    const sealed = sealer.seal('Kq7#mZp2Xv9!tRw4', context);
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString('base64url') : p)).join('.');
      expect(sealer.open(tampered, context)).toBeNull();
    }
  });

  it('refuses a value moved to another row or job, or opened with another secret', () => {
    const sealed = sealer.seal('Kq7#mZp2Xv9!tRw4', context);
    expect(sealer.open(sealed, bulkPasswordContext('8c0e2a9e-3c53-4f7c-9f59-4ad54f3b3d10', 8))).toBeNull();
    expect(sealer.open(sealed, bulkPasswordContext('00000000-3c53-4f7c-9f59-4ad54f3b3d10', 7))).toBeNull();
    expect(passwordSealer(`${SECRET}-rotated`).open(sealed, context)).toBeNull();
  });

  it('refuses malformed values and a truncated tag instead of throwing', () => {
    const [version, nonce, tag, ciphertext] = sealer.seal('secret', context).split('.');
    expect(sealer.open('', context)).toBeNull();
    expect(sealer.open('v2.a.b.c', context)).toBeNull();
    expect(sealer.open([version, nonce, tag?.slice(0, 8), ciphertext].join('.'), context)).toBeNull();
    expect(sealer.open([version, nonce, tag].join('.'), context)).toBeNull();
  });

  it('needs a real secret', () => {
    expect(() => passwordSealer('short')).toThrow(/at least 32 characters/);
  });
});
