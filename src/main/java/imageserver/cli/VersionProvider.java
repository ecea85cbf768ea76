package imageserver.cli;

import picocli.CommandLine;

/** The version recorded in the jar's manifest at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"image-server " + (version == null ? "(development build)" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
