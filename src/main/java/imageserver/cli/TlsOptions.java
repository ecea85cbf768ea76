package imageserver.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.pki.PemKeys;
import io.helidon.common.tls.Tls;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** serve's HTTPS: a certificate chain and its private key, both PEM, loaded through Helidon's own key reader. */
final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this certificate (PEM; the chain, server certificate first).")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key (PEM, not encrypted).")
    Path key;

    /** The server's TLS, or empty for plain HTTP. */
    Optional<Tls> load(CommandSpec spec) {
        if (certificate == null && key == null) {
            return Optional.empty();
        }
        if (certificate == null || key == null) {
            throw wrong(spec, "give both --tls-cert and --tls-key, or neither");
        }
        readable(spec, "--tls-cert", certificate);
        readable(spec, "--tls-key", key);
        PrivateKey privateKey = read(spec, "--tls-key", key, "a private key",
                pem -> pem.key(Resource.create(key)), Keys::privateKey);
        List<X509Certificate> chain = read(spec, "--tls-cert", certificate, "a certificate",
                pem -> pem.certChain(Resource.create(certificate)), k -> Optional.of(k.certChain()).filter(c -> !c.isEmpty()));
        return Optional.of(Tls.builder().privateKey(privateKey).privateKeyCertChain(chain).build());
    }

    /** What one PEM file holds, read by Helidon's reader, or an error that names the file. */
    private static <T> T read(CommandSpec spec, String option, Path file, String what,
                              Consumer<PemKeys.Builder> pem, Function<Keys, Optional<T>> part) {
        try {
            return part.apply(Keys.builder().pem(pem).build())
                    .orElseThrow(() -> wrong(spec, option + " " + file + ": holds no " + what + " in PEM form"));
        } catch (RuntimeException e) {
            if (e instanceof CommandLine.ParameterException) {
                throw e;
            }
            throw wrong(spec, option + " " + file + ": not " + what + " in PEM form (" + rootMessage(e) + ")");
        }
    }

    private static void readable(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw wrong(spec, option + " " + file + ": " + (Files.exists(file) ? "cannot be read" : "no such file"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static CommandLine.ParameterException wrong(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
