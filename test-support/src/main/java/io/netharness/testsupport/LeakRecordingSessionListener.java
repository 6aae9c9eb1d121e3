package io.netharness.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Installs {@link LeakReports} before any test class (and so any Netty buffer class) is loaded. */
public final class LeakRecordingSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakReports.install();
    }
}
