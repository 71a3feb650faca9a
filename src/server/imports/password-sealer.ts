// The one-time passwords of a bulk add, kept until the admin downloads them (at most
// 24 hours): AES-256-GCM under a key derived from AUTH_SECRET with HKDF, a fresh
// 96-bit nonce per value, and the job and line as associated data, so a value copied
// to another row, or altered in any bit, fails to open instead of yielding a password.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '../config/env';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type PasswordSealer = {
  /** "v1.<nonce>.<tag>.<ciphertext>", base64url parts. */
  seal(plaintext: string, context: string): string;
  /** The plaintext, or null when the value is malformed, altered, or sealed for another context or key. */
  open(sealed: string, context: string): string | null;
};

/** The associated data of a bulk-add row's password. */
export const bulkPasswordContext = (jobId: string, line: number) => `bulk-job-password:${jobId}:${line}`;

export function passwordSealer(secret: string): PasswordSealer {
  if (secret.length < 32) throw new Error('The password sealing key needs a secret of at least 32 characters.');
  const key = Buffer.from(hkdfSync('sha256', secret, 'identity-admin-portal', 'bulk-import-one-time-passwords/v1', 32));

  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, nonce.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
    },

    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) return null;
      const [, nonceText = '', tagText = '', ciphertextText = ''] = parts;
      const nonce = Buffer.from(nonceText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      const ciphertext = Buffer.from(ciphertextText, 'base64url');
      if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

let sealer: PasswordSealer | null = null;

/** The sealer keyed by this deployment's AUTH_SECRET (the same on every instance). */
export function defaultPasswordSealer(): PasswordSealer {
  sealer ??= passwordSealer(authSecret());
  return sealer;
}
