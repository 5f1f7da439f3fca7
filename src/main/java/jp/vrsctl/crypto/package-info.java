/**
 * The crypto layer (design.md §3): small, misuse-resistant building blocks. Callers never see nonces,
 * modes or raw keys beyond what they must store.
 * <ul>
 *   <li>{@link jp.vrsctl.crypto.Aead}: AES-256-GCM (JDK) over versioned {@link jp.vrsctl.crypto.DataKey}s,
 *       bound to an {@link jp.vrsctl.crypto.AeadContext} (municipality, table, row, column, row version).</li>
 *   <li>{@link jp.vrsctl.crypto.BlindIndex}: HMAC-SHA256 under per-column keys derived by HKDF.</li>
 *   <li>{@link jp.vrsctl.crypto.Sealer} and {@link jp.vrsctl.crypto.KemKeyPair}: HPKE (RFC 9180) base mode
 *       with the hybrid post-quantum KEM X-Wing (BouncyCastle lightweight API).</li>
 *   <li>{@link jp.vrsctl.crypto.SigningKeyPair}: Ed25519 (JDK).</li>
 *   <li>{@link jp.vrsctl.crypto.WrappedSecret}, {@link jp.vrsctl.crypto.Kdf},
 *       {@link jp.vrsctl.crypto.Argon2Params}, {@link jp.vrsctl.crypto.RecoveryCode}: secrets protected by
 *       Argon2id (BouncyCastle) from a password or recovery code; never weaker than
 *       {@link jp.vrsctl.crypto.Argon2Params#FLOOR}.</li>
 * </ul>
 * BouncyCastle classes are used directly; no JCA provider is registered.
 */
package jp.vrsctl.crypto;
