package jp.vrsctl.bench;

import java.nio.charset.StandardCharsets;
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

import jp.vrsctl.crypto.Argon2Params;
import jp.vrsctl.crypto.Kdf;
import jp.vrsctl.crypto.WrappedSecret;

/**
 * Argon2id at the floor parameters ({@link Argon2Params#FLOOR}: 19 MiB, 2 passes, 1 lane): the raw KDF and
 * a whole unwrap of a user's key bundle. Calibrated parameters (about 0.5 s by design) are measured by the
 * scenario runner, not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class UnlockBench {
    private final char[] password = "correct horse battery".toCharArray();
    private final byte[] salt = new byte[16];
    private final byte[] aad = "bench".getBytes(StandardCharsets.US_ASCII);
    private byte[] wrapped;

    @Setup
    public void setup() {
        wrapped = WrappedSecret.wrap(password, Argon2Params.FLOOR, new byte[96], aad);
    }

    @Benchmark
    public byte[] argon2idFloor() {
        return Kdf.argon2id(password, salt, Argon2Params.FLOOR, 32);
    }

    @Benchmark
    public byte[] unwrapFloor() {
        return WrappedSecret.unwrap(password, wrapped, aad);
    }
}
