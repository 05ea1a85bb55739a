package dev.warden.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code warden --version}, from the jar's manifest when there is one. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = WardenCli.class.getPackage().getImplementationVersion();
        return new String[] {"warden " + (version == null ? "development build" : version)};
    }
}
