package io.ghlsync.operations;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import java.security.Principal;
import java.util.Map;

/**
 * Hawtio's login (JAAS realm {@value #REALM}): the admin API's credentials, checked by {@link AdminAuth}. Hawtio asks
 * JAAS, so this is a JAAS configuration that answers for its own realm and leaves every other realm to the one it
 * replaced.
 */
public final class HawtioLogin extends Configuration {

    static final String REALM = "ghl-sync";
    /** The role Hawtio is told to require ({@code hawtio.roles}); every accepted user has it. */
    static final String ROLE = "admin";
    private static final String AUTH_OPTION = "adminAuth";

    private final AdminAuth auth;
    private final Configuration others;

    private HawtioLogin(AdminAuth auth, Configuration others) {
        this.auth = auth;
        this.others = others;
    }

    /** Makes this the JVM's JAAS configuration for realm {@value #REALM}. */
    static synchronized void install(AdminAuth auth) {
        Configuration previous = null;
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException e) {
            // no JAAS configuration file: there are no other realms to keep
        }
        while (previous instanceof HawtioLogin earlier) {
            previous = earlier.others; // a restarted engine in the same JVM replaces its own entry, never stacks them
        }
        Configuration.setConfiguration(new HawtioLogin(auth, previous));
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (REALM.equals(name)) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry(Module.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of(AUTH_OPTION, auth))};
        }
        return others == null ? null : others.getAppConfigurationEntry(name);
    }

    /** The role principal Hawtio looks for ({@code hawtio.rolePrincipalClasses} names this class). */
    public record AdminRole(String getName) implements Principal {
    }

    /** The user principal of an accepted login. */
    public record AdminUser(String getName) implements Principal {
    }

    /** The JAAS login module; JAAS creates it by class name, hence public with a public no-argument constructor. */
    public static final class Module implements LoginModule {

        private Subject subject;
        private CallbackHandler callbacks;
        private AdminAuth auth;
        private String acceptedUser;

        public Module() {
        }

        @Override
        public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
            this.subject = subject;
            this.callbacks = callbackHandler;
            this.auth = (AdminAuth) options.get(AUTH_OPTION);
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                callbacks.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException("cannot read the credentials: " + e.getClass().getSimpleName());
            }
            char[] secret = password.getPassword();
            String user = name.getName();
            boolean accepted = auth != null && user != null && secret != null && auth.accepts(user, new String(secret));
            password.clearPassword();
            if (!accepted) {
                throw new FailedLoginException("bad credentials");
            }
            acceptedUser = user;
            return true;
        }

        @Override
        public boolean commit() {
            if (acceptedUser == null) {
                return false;
            }
            subject.getPrincipals().add(new AdminUser(acceptedUser));
            subject.getPrincipals().add(new AdminRole(ROLE));
            return true;
        }

        @Override
        public boolean abort() {
            acceptedUser = null;
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().removeIf(p -> p instanceof AdminUser || p instanceof AdminRole);
            acceptedUser = null;
            return true;
        }
    }
}
