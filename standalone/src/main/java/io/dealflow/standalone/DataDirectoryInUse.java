package io.dealflow.standalone;

import java.nio.file.Path;

/**
 * Another server holds the data directory this one was asked to use.
 */
class DataDirectoryInUse extends IllegalStateException {

    private final Path dataDirectory;

    DataDirectoryInUse(Path dataDirectory) {
        super("The data directory " + dataDirectory.toAbsolutePath() + " is in use by another dealflow server.");
        this.dataDirectory = dataDirectory;
    }

    Path dataDirectory() {
        return dataDirectory;
    }
}
