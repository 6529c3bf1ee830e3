package io.ghlsync.cli;

import io.ghlsync.sandbox.SandboxDemo;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Starts the sandbox demo's activity once the engine is up, and stops it first thing on shutdown. */
final class DemoActivity extends MainListenerSupport {

    private final SandboxDemo demo;

    DemoActivity(SandboxDemo demo) {
        this.demo = demo;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        demo.start();
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        demo.close();
    }
}
