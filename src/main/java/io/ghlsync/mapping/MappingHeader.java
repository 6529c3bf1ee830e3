package io.ghlsync.mapping;

import java.nio.file.Path;
import java.util.List;

/**
 * What a mapping file says about itself in its header: what it maps, where to, which GHL operation its output feeds,
 * what it needs and what it guarantees. Shown by {@code mapping-test} and kept for people reading the file.
 */
public record MappingHeader(String name, String description, String source, String target, String operation,
                            List<String> needs, List<String> guarantees, Path file) {
}
