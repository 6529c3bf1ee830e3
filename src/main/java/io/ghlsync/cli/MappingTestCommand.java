package io.ghlsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ghlsync.Settings;
import io.ghlsync.mapping.GhlRequestSchemas;
import io.ghlsync.mapping.Mapping;
import io.ghlsync.mapping.MappingContext;
import io.ghlsync.mapping.MappingError;
import io.ghlsync.mapping.MappingLoadException;
import io.ghlsync.mapping.MappingLoader;
import io.ghlsync.mapping.MappingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code mapping-test <mapping> <FILE|->}: runs one record through a mapping file, exactly as a route would, and
 * prints the mapped JSON, or every error with its field path. Nothing is sent anywhere.
 * Exit codes: 0 mapped; 1 the mapping refused the record, or the mapping file is broken; 2 bad arguments or input.
 */
@Command(name = "mapping-test", description = "Run one record through a mapping and print the mapped JSON, or every "
        + "validation error with its field path.")
public class MappingTestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<mapping>", description = "a mapping name: a file <mapping>.yaml in the mappings folder")
    String mapping;

    @Parameters(index = "1", paramLabel = "<FILE|->", description = "the source record (a JSON object), from a file or - for stdin")
    String input;

    @Option(names = "--mappings-dir", paramLabel = "DIR", defaultValue = "mappings",
            description = "the folder of mapping files (default: ${DEFAULT-VALUE}, relative to the working directory)")
    Path mappingsDir;

    @Option(names = "--context", paramLabel = "name=value", description = "a $context value for the mapping, e.g. "
            + "locationId=abc (default locationId: GHL_LOCATION_ID, else the sandbox location); JSON values are allowed; repeatable")
    Map<String, String> context = new LinkedHashMap<>();

    InputStream stdin = System.in;

    @Override
    public Integer call() {
        Path file = mappingFile();
        JsonNode record = readRecord();
        Mapping compiled;
        try {
            compiled = new MappingLoader(GhlRequestSchemas.shared()).load(file);
        } catch (MappingLoadException e) {
            spec.commandLine().getErr().println("ghl-sync: mapping " + mapping + " cannot be used: " + e.getMessage());
            return 1;
        }
        MappingResult result = compiled.apply(record, mappingContext());
        PrintWriter out = spec.commandLine().getOut();
        if (result.isOk()) {
            out.println(write(result.output()));
            out.flush();
            return 0;
        }
        for (MappingError error : result.errors()) {
            out.println(error + " [" + error.code() + "]");
        }
        out.flush();
        int count = result.errors().size();
        spec.commandLine().getErr().println("ghl-sync: mapping " + mapping + " refused the record: " + count
                + (count == 1 ? " error" : " errors"));
        return 1;
    }

    private Path mappingFile() {
        if (!Files.isDirectory(mappingsDir)) {
            throw new ParameterException(spec.commandLine(), "mappings folder not found: " + mappingsDir.toAbsolutePath()
                    + " (run from the project folder, or give --mappings-dir)");
        }
        if (mapping.isEmpty() || !mapping.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
            throw new ParameterException(spec.commandLine(), "'" + mapping + "' is not a mapping name");
        }
        for (String extension : List.of(".yaml", ".yml")) {
            Path file = mappingsDir.resolve(mapping + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new ParameterException(spec.commandLine(), "unknown mapping '" + mapping + "'; " + mappingsDir
                + " has: " + String.join(", ", available()));
    }

    private List<String> available() {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mappingsDir, "*.{yaml,yml}")) {
            files.forEach(f -> names.add(MappingLoader.nameOf(f)));
        } catch (IOException e) {
            return List.of("(cannot list: " + e.getMessage() + ")");
        }
        return names.isEmpty() ? List.of("no mappings") : new ArrayList<>(names);
    }

    private JsonNode readRecord() {
        String source = "-".equals(input) ? "stdin" : input;
        try {
            byte[] bytes = "-".equals(input) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(input));
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ParameterException(spec.commandLine(), "the record in " + source + " must be a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "record file not found: " + input);
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), "the record in " + source + " is not valid JSON: "
                    + e.getOriginalMessage().replace('\n', ' ') + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the record from " + source + ": " + e.getMessage());
        }
    }

    private MappingContext mappingContext() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("locationId", Settings.load().get("ghl.location-id", SandboxDefaults.LOCATION_ID));
        context.forEach((name, value) -> values.put(name, contextValue(name, value)));
        return MappingContext.of(values);
    }

    private Object contextValue(String name, String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                throw new ParameterException(spec.commandLine(), "--context " + name + " is not valid JSON: "
                        + e.getOriginalMessage().replace('\n', ' '));
            }
        }
        return value;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
