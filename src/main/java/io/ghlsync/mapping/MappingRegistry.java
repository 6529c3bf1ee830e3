package io.ghlsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The mappings of one folder ({@code mappings/*.yaml}), by name, kept current while the engine runs.
 *
 * <p><b>Reload.</b> On use, at most once per {@code checkInterval} per mapping, the file's modification time and
 * size are compared with the loaded version's; a change recompiles it. Checking on use (rather than a
 * {@code WatchService} thread) works on every file system, including Docker bind mounts and network shares where
 * file events never arrive, needs no thread to start or stop, and costs one {@code stat} per interval, not per
 * record. A new file is found the same way when its name is first asked for.
 *
 * <p><b>Broken files.</b> A file that fails to load is reported (logged at WARN, and kept in {@link #problems()})
 * with file, line and reason. If an earlier version of that mapping loaded, it stays in use until the file is fixed;
 * otherwise the mapping is unavailable and every record sent to it fails with that reason (so it lands in the dead
 * letters and can be replayed once the file is fixed). Other mappings are never affected.
 */
public final class MappingRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MappingRegistry.class);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Path dir;
    private final MappingLoader loader;
    private final long checkIntervalNanos;
    private final LongSupplier clock;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile long nextScan;

    /** The state of one mapping name: the version in use (if any) and the latest load problem (if any). */
    private static final class Slot {
        final Path file;
        volatile Mapping current;
        volatile MappingLoadException problem;
        volatile FileTime modified;
        volatile long size = -1;
        volatile long nextCheck;

        Slot(Path file) {
            this.file = file;
        }
    }

    public MappingRegistry(Path dir, GhlRequestSchemas schemas, Duration checkInterval) {
        this(dir, schemas, checkInterval, System::nanoTime);
    }

    MappingRegistry(Path dir, GhlRequestSchemas schemas, Duration checkInterval, LongSupplier clock) {
        this.dir = dir;
        this.loader = new MappingLoader(schemas);
        this.checkIntervalNanos = checkInterval.toNanos();
        this.clock = clock;
        scan();
    }

    /** The mappings in a folder, with the project's GHL request schemas, checked for changes every two seconds. */
    public static MappingRegistry open(Path dir) {
        return new MappingRegistry(dir, GhlRequestSchemas.shared(), DEFAULT_CHECK_INTERVAL);
    }

    public Path dir() {
        return dir;
    }

    /** Maps one record with the named mapping (reloading it first if its file changed). Never throws for bad data. */
    public MappingResult apply(String name, JsonNode record, MappingContext context) {
        Slot slot = slot(name);
        if (slot == null) {
            return MappingResult.failed(name, List.of(new MappingError("", null, "unknown-mapping",
                    "no mapping named '" + name + "' in " + dir + " (there are: " + String.join(", ", names()) + ")")));
        }
        Mapping mapping = slot.current;
        if (mapping == null) {
            MappingLoadException problem = slot.problem;
            return MappingResult.failed(name, List.of(new MappingError("", null, "mapping-unavailable",
                    "mapping " + name + " is unavailable: " + (problem == null ? "not loaded" : problem.getMessage()))));
        }
        return mapping.apply(record, context);
    }

    /** The version of a mapping in use, if it has one (reloading it first if its file changed). */
    public Optional<Mapping> mapping(String name) {
        Slot slot = slot(name);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.current);
    }

    /** The latest load problem of a mapping, if its file is broken (even while an older version stays in use). */
    public Optional<MappingLoadException> problem(String name) {
        Slot slot = slot(name);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.problem);
    }

    /** Whether a file for this mapping name exists (loaded, or broken). */
    public boolean knows(String name) {
        return slot(name) != null;
    }

    public TreeSet<String> names() {
        return new TreeSet<>(slots.keySet());
    }

    /** Every mapping file that currently fails to load, by mapping name. */
    public Map<String, MappingLoadException> problems() {
        Map<String, MappingLoadException> problems = new TreeMap<>();
        slots.forEach((name, slot) -> {
            if (slot.problem != null) {
                problems.put(name, slot.problem);
            }
        });
        return problems;
    }

    /** Checks every file now (new, changed, removed), whatever the interval. */
    public void refresh() {
        scan();
        slots.values().forEach(slot -> check(slot, true));
    }

    private Slot slot(String name) {
        Slot slot = slots.get(name);
        long now = clock.getAsLong();
        if (slot == null) {
            if (now - nextScan >= 0 && isPlainName(name)) {
                scan();
                slot = slots.get(name);
            }
            return slot;
        }
        if (now - slot.nextCheck >= 0) {
            check(slot, false);
        }
        return slot;
    }

    private static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && name.length() < 200 && name.chars().allMatch(c ->
                Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.');
    }

    private synchronized void scan() {
        nextScan = clock.getAsLong() + checkIntervalNanos;
        if (!Files.isDirectory(dir)) {
            LOG.warn("The mappings folder {} does not exist; no mapping is available", dir.toAbsolutePath());
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
            for (Path file : files) {
                String name = MappingLoader.nameOf(file);
                Slot existing = slots.get(name);
                if (existing == null) {
                    Slot slot = new Slot(file);
                    check(slot, true);
                    slots.putIfAbsent(name, slot);
                } else if (!existing.file.equals(file)) {
                    LOG.warn("Both {} and {} define mapping {}; using {}", existing.file, file, name, existing.file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the mappings folder {}: {}", dir, e.toString());
        }
    }

    private void check(Slot slot, boolean force) {
        synchronized (slot) {
            long now = clock.getAsLong();
            if (!force && now - slot.nextCheck < 0) {
                return;
            }
            slot.nextCheck = now + checkIntervalNanos;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(slot.file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (slot.problem == null || slot.problem.line() != 0) {
                    slot.problem = new MappingLoadException(slot.file, 0, "the file is gone"
                            + (slot.current != null ? "; the version loaded before stays in use" : ""));
                    LOG.warn("Mapping {}", slot.problem.getMessage());
                }
                slot.modified = null;
                slot.size = -1;
                return;
            } catch (IOException e) {
                slot.problem = new MappingLoadException(slot.file, 0, "cannot read the file: " + e);
                return;
            }
            if (attributes.lastModifiedTime().equals(slot.modified) && attributes.size() == slot.size) {
                return;
            }
            slot.modified = attributes.lastModifiedTime();
            slot.size = attributes.size();
            load(slot);
        }
    }

    private void load(Slot slot) {
        boolean reload = slot.current != null || slot.problem != null;
        try {
            Mapping mapping = loader.load(slot.file);
            slot.current = mapping;
            slot.problem = null;
            if (reload) {
                LOG.info("Reloaded mapping {} from {}", mapping.name(), slot.file);
            } else {
                LOG.debug("Loaded mapping {} from {}", mapping.name(), slot.file);
            }
        } catch (MappingLoadException e) {
            slot.problem = e;
            LOG.warn("Mapping file {} {}", e.getMessage(), slot.current != null
                    ? "- still using the version loaded before" : "- the mapping is unavailable until the file is fixed");
        }
    }
}
