package dev.tailor.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the public datasets are: the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENVIRONMENT}, else a {@code shared/datasets} folder found beside the working directory or one
 * of its parents (the layout of a checkout next to {@code shared/}).
 *
 * <p>The datasets are not redistributable, so they are never copied into the repository: readers and
 * tests look them up here and skip when they are absent.
 */
public final class DatasetPaths {
    /** System property naming the datasets folder. */
    public static final String PROPERTY = "tailor.datasets";
    /** Environment variable naming the datasets folder. */
    public static final String ENVIRONMENT = "TAILOR_DATASETS";

    private DatasetPaths() {
    }

    /** The datasets folder, if one is configured or found and exists. */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath().normalize();
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/datasets"), dir.resolveSibling("shared/datasets")}) {
                if (candidate != null && Files.isDirectory(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** The folder of one dataset (e.g. {@code "movielens-100k"}), if it exists. */
    public static Optional<Path> dataset(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }

    /**
     * The folder of one dataset.
     *
     * @throws IllegalStateException naming the places looked at, if it is not found
     */
    public static Path require(String name) {
        String configured = System.getProperty(PROPERTY);
        String origin = "-D" + PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
            origin = ENVIRONMENT;
        }
        if (configured != null && !configured.isBlank() && !Files.isDirectory(Path.of(configured))) {
            throw new dev.tailor.data.UnsuitableDataException("dataset '" + name + "' not found: the datasets folder " + configured + " given by "
                    + origin + " does not exist");
        }
        return dataset(name).orElseThrow(() -> new dev.tailor.data.UnsuitableDataException("dataset '" + name + "' not found: set -D"
                + PROPERTY + "=<folder> or " + ENVIRONMENT + " to the folder holding it (looked in "
                + root().map(Path::toString).orElse("no datasets folder found beside " + Path.of("").toAbsolutePath())
                + ")"));
    }
}
