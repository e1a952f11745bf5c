/**
 * The office's signing authority (issue 13). Every user's keyring entry wraps
 * the same database key, so any user who copies the vault can write bytes in
 * it. What she cannot do is sign: the office has an Ed25519 key pair whose
 * private key is sealed only in administrators' keyring entries (and under the
 * recovery key). The admin signs
 *   - each keyring entry's identity (vault id + user tag): an entry copied in
 *     for a new tag has no valid signature and signs no one in;
 *   - each user's grant (id, folded user name, roles, enabled): a role or
 *     state edited in the table does not verify and is refused.
 * An administrator's sign-in must also unseal the private key that matches the
 * pinned public key: a forged administrator entry (sealed under a password the
 * forger chose) cannot, so it never signs in as administrator.
 *
 * The public key is pinned twice, in the keyring and in the database's meta;
 * they must agree. Someone holding the database key can replace both with a
 * key pair of her own; the next administrator sign-in derives the public key
 * from the private key it unseals (trusting nothing stored) and reports every
 * entry and grant that does not verify under it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Role } from '../../../shared/auth/permissions';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { open, seal, type Sealed } from './aead';

export interface Authority {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64 SPKI DER of the public key, as pinned in the keyring and meta. */
  publicKeyText: string;
}

export function newAuthority(): Authority {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyText: publicKeyText(publicKey) };
}

export const publicKeyText = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');

export function publicKeyFrom(text: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The pkcs8 DER of the private key, sealed under a wrapping key (an admin's, or the recovery key's). */
export function sealAuthority(wrappingKey: Buffer, authority: Authority, aad: string): Sealed {
  const der = authority.privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    return seal(wrappingKey, der, `kalkan-authority/v1|${aad}`);
  } finally {
    der.fill(0);
  }
}

export function unsealAuthority(wrappingKey: Buffer, sealed: Sealed, aad: string): Authority | null {
  const der = open(wrappingKey, sealed, `kalkan-authority/v1|${aad}`);
  if (!der) return null;
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType !== 'ed25519') return null;
    const publicKey = createPublicKey(privateKey);
    return { privateKey, publicKey, publicKeyText: publicKeyText(publicKey) };
  } catch {
    return null;
  } finally {
    der.fill(0);
  }
}

/** The recovery key's wrapping key for the authority (the recovery secret never leaves recoveryKey.ts). */
export const recoveryWrappingKey = (recoverySecret: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', recoverySecret, Buffer.alloc(0), 'kalkan/authority-wrap/v1', 32));

const signText = (authority: Authority, text: string): string => sign(null, Buffer.from(text, 'utf8'), authority.privateKey).toString('base64');

function verifyText(publicKey: KeyObject, text: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

// --- keyring entries ------------------------------------------------------------------------

const entryText = (vaultId: string, userTag: string): string => JSON.stringify(['kalkan-entry/v1', vaultId, userTag]);
export const signEntry = (authority: Authority, vaultId: string, userTag: string): string => signText(authority, entryText(vaultId, userTag));
export const entrySigned = (publicKey: KeyObject, vaultId: string, userTag: string, signature: string | undefined): boolean =>
  verifyText(publicKey, entryText(vaultId, userTag), signature);

// --- grants (users rows) ---------------------------------------------------------------------

export interface Grant {
  id: string;
  username: string;
  roles: readonly Role[];
  disabled: boolean;
}

const grantText = (vaultId: string, g: Grant): string =>
  JSON.stringify(['kalkan-grant/v1', vaultId, g.id, fold(g.username), [...new Set(g.roles)].sort(), g.disabled]);
export const signGrant = (authority: Authority, vaultId: string, grant: Grant): string => signText(authority, grantText(vaultId, grant));
export const grantSigned = (publicKey: KeyObject, vaultId: string, grant: Grant, signature: string | null | undefined): boolean =>
  verifyText(publicKey, grantText(vaultId, grant), signature);

// --- the signer of an open database -----------------------------------------------------------

/**
 * While an administrator is signed in, the authority is registered for the open database, and
 * the users repository signs every grant it writes (insertUser, updateUser). Without it (a
 * caseworker's session) a grant cannot change validly: that is the point.
 */
const signers = new WeakMap<Db, { authority: Authority; vaultId: string }>();

export function setSigner(db: Db, authority: Authority | null, vaultId: string): void {
  if (authority) signers.set(db, { authority, vaultId });
  else signers.delete(db);
}

export function signerFor(db: Db): { authority: Authority; vaultId: string } | null {
  return signers.get(db) ?? null;
}

// --- audit anchors ----------------------------------------------------------------------------

export const signAnchor = (authority: Authority, text: string): string => signText(authority, text);
export const anchorSigned = (publicKey: KeyObject, text: string, signature: string): boolean => verifyText(publicKey, text, signature);
