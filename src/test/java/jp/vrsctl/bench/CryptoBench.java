package jp.vrsctl.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.AeadContext;
import jp.vrsctl.crypto.BlindIndex;
import jp.vrsctl.crypto.DataKey;
import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.service.AuditLog;
import jp.vrsctl.store.Records.AuditRow;

/**
 * Micro-benchmarks of the per-row crypto of an import and of the audit chain (docs/performance.md): sealing
 * and opening one resident blob (about the size of the JSON a resident's {@code ops} column holds), one
 * blind index, one Ed25519 signature and verification, one audit chain hash. Average time per operation.
 * Run by {@link Scenarios} with {@code --jmh true}, or alone: {@code java -cp <test class path>
 * org.openjdk.jmh.Main jp.vrsctl.bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CryptoBench {
    private static final String MUNI = "112151";
    /** A resident's ops blob as the import writes it (synthetic). */
    private static final byte[] OPS = ("{\"name\":\"佐藤\u3000花子\",\"kana\":\"サトウ\u3000ハナコ\",\"birthDate\":\"1975-01-02\","
            + "\"sex\":\"2\",\"dv\":false,\"movedOutOn\":null,\"deceasedOn\":null}").getBytes(StandardCharsets.UTF_8);

    private Aead aead;
    private AeadContext ctx;
    private byte[] sealed;
    private BlindIndex index;
    private SigningKeyPair signing;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signature;
    private AuditRow auditRow;
    private long counter;

    @Setup
    public void setup() {
        aead = Aead.of(List.of(DataKey.generate("ops", 1)), 1);
        ctx = new AeadContext(MUNI, "resident", "R0123456789ABCDEFGHJK", "ops", 1);
        sealed = aead.seal(OPS, ctx);
        index = BlindIndex.of(DataKey.generate("index", 1), MUNI);
        signing = SigningKeyPair.generate();
        publicKey = signing.publicKey();
        message = new byte[32];
        signature = signing.sign(message);
        auditRow = new AuditRow(MUNI, 12345, "2024-06-01T03:00:00.000Z", "U0123456789ABCDEFGHJK", "alice", "admin",
                AuditLog.READ_INTENT, "resident show", "ok", "{\"residents\":1}", "R0123456789ABCDEFGHJK", new byte[120],
                null, new byte[32], null, null);
    }

    @Benchmark
    public byte[] aeadSeal() {
        return aead.seal(OPS, ctx);
    }

    @Benchmark
    public byte[] aeadOpen() {
        return aead.open(sealed, ctx);
    }

    /** One blind index of a 12-digit My Number (HMAC-SHA256 under the column key). */
    @Benchmark
    public byte[] blindIndex() {
        counter++;
        return index.compute("my_number", Long.toString(999_900_000_000L + (counter & 0xFFFF)));
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return signing.sign(message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return SigningKeyPair.verify(publicKey, message, signature);
    }

    /** The chain hash of one audit entry (canonical JSON + SHA-256). */
    @Benchmark
    public byte[] auditHash() {
        return AuditLog.hash(auditRow);
    }
}
