package dev.tailor.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saves and loads any registered model by its file's format name: the one place that maps formats to
 * readers and writers, instead of a {@code switch} per caller. The core's formats (every model the core
 * trains, and id indexes) and every {@link ModelFormat} another module provides as a service (listed in a
 * {@code META-INF/services/dev.tailor.io.ModelFormat} file on the class path, or by {@code provides} in its
 * module declaration) are registered when the class is first used.
 *
 * <p>Thread-safety: safe for concurrent use, registration included.
 */
public final class ModelRegistry {
    private static final Map<String, ModelFormat<?>> BY_NAME = new ConcurrentHashMap<>();

    /** The resource listing the core's formats, one class name per line. */
    private static final String CORE_FORMATS = "core-formats";

    static {
        coreFormats().forEach(ModelRegistry::register);
        for (ModelFormat<?> format : ServiceLoader.load(ModelFormat.class, ModelRegistry.class.getClassLoader())) {
            register(format);
        }
    }

    private ModelRegistry() {
    }

    /**
     * Registers a format (again registering the same class is a no-op).
     *
     * @throws IllegalArgumentException if another format class already has this name
     */
    public static void register(ModelFormat<?> format) {
        Objects.requireNonNull(format, "format");
        ModelFormat<?> before = BY_NAME.putIfAbsent(format.name(), format);
        if (before != null && before.getClass() != format.getClass()) {
            throw new IllegalArgumentException("format '" + format.name() + "' is already registered by "
                    + before.getClass().getName());
        }
    }

    /** The registered format names. */
    public static Set<String> formats() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /**
     * Saves a model with the format registered for its type, atomically and with a checksum.
     *
     * @throws IllegalArgumentException if no registered format holds this type
     * @throws IOException if the file cannot be written (an existing file is left as it was)
     */
    public static void save(Object model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        ModelFormat<Object> format = formatFor(model);
        ModelFiles.write(file, format.name(), format.version(), out -> format.write(model, out));
    }

    /**
     * Loads a model of whatever registered format the file holds.
     *
     * @throws ModelFileException if the file is missing, foreign, of an unregistered format or a newer
     *     version, damaged, or inconsistent; the message names the file
     */
    public static Object load(Path file) throws IOException {
        return load(file, Object.class);
    }

    /**
     * Loads a model and checks its type.
     *
     * @throws ModelFileException as {@link #load(Path)}, or if the file holds another type of model
     */
    public static <T> T load(Path file, Class<T> expected) throws IOException {
        String name = ModelFiles.formatOf(file);
        ModelFormat<?> format = BY_NAME.get(name);
        if (format == null) {
            throw new ModelFileException(file + ": holds a '" + name + "', a format this Tailor does not know (known: "
                    + formats() + ")");
        }
        if (!expected.isAssignableFrom(format.type())) {
            throw new ModelFileException(file + ": holds a '" + name + "' (" + format.type().getSimpleName()
                    + "), not a " + expected.getSimpleName());
        }
        return expected.cast(ModelFiles.read(file, name, format.version(), format::read));
    }

    /**
     * Writes a model as one part of a composite file (a file that holds several models, as an offers model
     * holds its engines): the part's format name, version, payload length and payload, so the part keeps its
     * own format and is read back by {@link #readPart}.
     *
     * @throws IllegalArgumentException if no registered format holds this type
     */
    public static void writePart(Object model, DataOutputStream out) throws IOException {
        Objects.requireNonNull(model, "model");
        ModelFormat<Object> format = formatFor(model);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream payload = new DataOutputStream(bytes);
        format.write(model, payload);
        payload.flush();
        out.writeUTF(format.name());
        out.writeInt(format.version());
        out.writeLong(bytes.size());
        bytes.writeTo(out);
    }

    /**
     * Reads a part written by {@link #writePart}: its payload is handed to its own format with exactly its bytes
     * available, and must be read whole.
     *
     * @throws IOException naming the part's format if it is unknown, of a newer version, of another type, longer
     *     than what is left, or damaged
     */
    public static <T> T readPart(DataInputStream in, Class<T> expected) throws IOException {
        String name = in.readUTF();
        int version = in.readInt();
        long length = in.readLong();
        ModelFormat<?> format = BY_NAME.get(name);
        if (format == null) {
            throw new IOException("a part of format '" + name + "', which this Tailor does not know");
        }
        if (!expected.isAssignableFrom(format.type())) {
            throw new IOException("a part holds a '" + name + "' (" + format.type().getSimpleName() + "), not a "
                    + expected.getSimpleName());
        }
        if (version < 1 || version > format.version()) {
            throw new IOException("part '" + name + "' has version " + version + " (this Tailor reads 1 to "
                    + format.version() + ")");
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("part '" + name + "' claims " + length + " bytes, " + in.available() + " are left");
        }
        DataInputStream part = ModelFiles.part(in, length);
        Object model;
        try {
            model = format.read(part, version);
        } catch (EOFException e) {
            throw new IOException("part '" + name + "' ends early", e);
        }
        if (part.available() > 0) {
            throw new IOException("part '" + name + "': " + part.available() + " bytes left over after reading it");
        }
        return expected.cast(model);
    }

    /**
     * The core's own formats. They are package-private classes beside the models they read (a format needs the
     * model's package-private constructor, and is not API), so they are not services — a service provider must
     * be public — but are listed in a resource of this package and made here; a class in the same module may.
     */
    private static List<ModelFormat<?>> coreFormats() {
        List<ModelFormat<?>> formats = new ArrayList<>();
        try (InputStream list = ModelRegistry.class.getResourceAsStream(CORE_FORMATS)) {
            if (list == null) {
                throw new IllegalStateException("the core's format list " + CORE_FORMATS + " is missing from its jar");
            }
            for (String line : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                Constructor<?> constructor = Class.forName(name, true, ModelRegistry.class.getClassLoader())
                        .getDeclaredConstructor();
                constructor.setAccessible(true);
                formats.add((ModelFormat<?>) constructor.newInstance());
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the core's model formats: " + e, e);
        }
        return formats;
    }

    @SuppressWarnings("unchecked")
    private static ModelFormat<Object> formatFor(Object model) {
        ModelFormat<?> best = null;
        for (ModelFormat<?> format : BY_NAME.values()) {
            if (format.type().isInstance(model) && (best == null || best.type().isAssignableFrom(format.type()))) {
                best = format;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no registered model format holds a " + model.getClass().getName());
        }
        return (ModelFormat<Object>) best;
    }
}
