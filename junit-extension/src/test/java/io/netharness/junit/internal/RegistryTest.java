package io.netharness.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private final List<String> closed = new ArrayList<>();

    private ManagedResource resource(String name, Exception failure) {
        return keepEvidence -> {
            closed.add(name + (keepEvidence ? "+evidence" : ""));
            if (failure != null) {
                throw failure;
            }
        };
    }

    @Test
    void closesInReverseStartOrderSoLinksCloseBeforeTheirServers() throws Exception {
        Registry.closeAll(List.of(resource("server", null), resource("link", null)), false);
        assertThat(closed).containsExactly("link", "server");
    }

    @Test
    void closesEverythingAndReportsEveryFailure() {
        IllegalStateException portHeld = new IllegalStateException("Link 'a' still holds 127.0.0.1:40000");
        IllegalStateException threads = new IllegalStateException("threads did not stop");
        assertThatThrownBy(() -> Registry.closeAll(List.of(resource("server", threads), resource("middle", null),
                resource("link", portHeld)), true))
                .isSameAs(portHeld)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(threads));
        assertThat(closed).containsExactly("link+evidence", "middle+evidence", "server+evidence");
    }
}
