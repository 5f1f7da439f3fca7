package jp.vrsctl.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), with the bundled data's dates. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"vrsctl " + (v == null ? "dev" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
