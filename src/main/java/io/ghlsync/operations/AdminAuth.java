package io.ghlsync.operations;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * The first step of every admin route ({@code process: ref: adminAuth}). Outside sandbox mode the admin API needs
 * HTTP Basic credentials, GHLSYNC_ADMIN_USER and GHLSYNC_ADMIN_PASSWORD; without them configured it stays shut
 * (503), never open. In sandbox mode it is open unless credentials are configured. A refused request is answered
 * here and the route stops; an accepted one carries {@value #CALLER}, which the API checks again, so a route that
 * forgot this step fails closed.
 */
public final class AdminAuth implements Processor {

    /** Exchange property on accepted requests: who called ({@code sandbox} when the API is open). */
    public static final String CALLER = "GhlSyncAdminCaller";
    static final String DISABLED = "admin API disabled: set GHLSYNC_ADMIN_USER and GHLSYNC_ADMIN_PASSWORD";
    private static final String CHALLENGE = "Basic realm=\"ghl-sync admin\", charset=\"UTF-8\"";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);

    private final String user;
    /** SHA-256 of "user:password": compared in constant time, and the same length whatever was sent. */
    private final byte[] expected;
    private final String closedReason;

    private AdminAuth(String user, byte[] expected, String closedReason) {
        this.user = user;
        this.expected = expected;
        this.closedReason = closedReason;
    }

    /** From settings: {@code ghlsync.admin.user}, {@code ghlsync.admin.password}, {@code ghlsync.sandbox}. */
    public static AdminAuth from(Function<String, String> settings) {
        String user = blankToNull(settings.apply("ghlsync.admin.user"));
        String password = blankToNull(settings.apply("ghlsync.admin.password"));
        boolean sandbox = Boolean.parseBoolean(settings.apply("ghlsync.sandbox"));
        if (user != null && password != null) {
            if (user.indexOf(':') >= 0) {
                return closed("admin API disabled: GHLSYNC_ADMIN_USER must not contain ':' (HTTP Basic cannot send it)");
            }
            return new AdminAuth(user, sha256(user + ":" + password), null);
        }
        if (user != null || password != null) {
            return closed("admin API disabled: " + (user != null ? "GHLSYNC_ADMIN_USER is set but GHLSYNC_ADMIN_PASSWORD is not"
                    : "GHLSYNC_ADMIN_PASSWORD is set but GHLSYNC_ADMIN_USER is not"));
        }
        return sandbox ? new AdminAuth(null, null, null) : closed(DISABLED);
    }

    private static AdminAuth closed(String reason) {
        return new AdminAuth(null, null, reason);
    }

    /** True when requests need credentials; false in the open sandbox. */
    public boolean requiresCredentials() {
        return expected != null || closedReason != null;
    }

    /**
     * Whether these are the configured credentials (constant time); always false when the API is shut or open, so a
     * login form (Hawtio's) never lets anyone in without configured credentials.
     */
    public boolean accepts(String givenUser, String givenPassword) {
        if (expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(givenUser + ":" + givenPassword));
    }

    @Override
    public void process(Exchange exchange) {
        exchange.removeProperty(CALLER);
        if (closedReason != null) {
            refuse(exchange, 503, closedReason);
            return;
        }
        if (expected == null) {
            exchange.setProperty(CALLER, "sandbox");
            return;
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        byte[] given = credentials(header);
        // always compare a full digest, also when nothing usable was sent, so timing says nothing about why
        boolean match = MessageDigest.isEqual(expected, given == null ? new byte[expected.length] : given);
        if (!match || given == null) {
            LOG.warn("admin API: refused {} {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), header == null ? "no credentials" : "bad credentials");
            exchange.getMessage().removeHeaders("*");
            AdminResponses.error(exchange, 401, null, header == null
                    ? "credentials required: HTTP Basic with GHLSYNC_ADMIN_USER and GHLSYNC_ADMIN_PASSWORD"
                    : "bad credentials");
            exchange.getMessage().setHeader("WWW-Authenticate", CHALLENGE);
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(CALLER, user);
    }

    private static void refuse(Exchange exchange, int status, String reason) {
        AdminResponses.error(exchange, status, null, reason);
        exchange.setRouteStop(true);
    }

    /** The digest of what an {@code Authorization: Basic} header carries, or null when it carries nothing usable. */
    private static byte[] credentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return sha256(new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // never the digest
        return "AdminAuth[" + (closedReason != null ? "closed" : expected == null ? "open (sandbox)" : "basic") + "]";
    }
}
