package io.ghlsync.operations;

import io.ghlsync.Settings;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/** The engine with Hawtio on a free port of this machine's loopback, and JMX on (Hawtio shows Camel through it). */
abstract class HawtioTestSupport extends EngineTestSupport {

    @Override
    protected Settings settings() {
        return super.settings().override("ghlsync.hawtio.enabled", "true").override("ghlsync.hawtio.port", "0")
                .override("ghlsync.hawtio.host", "127.0.0.1");
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withJMX(true);
    }

    /** Where Hawtio listens, e.g. {@code http://127.0.0.1:41234/hawtio/}. */
    protected String hawtioUrl() {
        return "http://127.0.0.1:" + context.getRegistry().lookupByNameAndType("hawtioConsole", HawtioConsole.class).port() + "/hawtio/";
    }
}
